package dev.vigil.inputs.netflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Datagrams an attacker on the network sends to a collector: each one costs at most itself, is
 * counted by name, and leaves the collector's memory within {@link NetflowLimits}.
 */
class HostileNetflowTest {

    /** A hang would be a bug in its own right; this bound only stops the test from hanging with it. */
    static final Duration HANG = Duration.ofSeconds(20);

    /** An IPFIX message: header (RFC 7011 §3.1) and the given sets. */
    static byte[] ipfix(long domain, byte[]... sets) {
        int len = 16;
        for (byte[] s : sets) {
            len += s.length;
        }
        ByteBuffer b = ByteBuffer.allocate(len).putShort((short) 10).putShort((short) len).putInt(1_700_000_000).putInt(1)
                .putInt((int) domain);
        for (byte[] s : sets) {
            b.put(s);
        }
        return b.array();
    }

    /** A NetFlow v9 packet: header (RFC 3954 §5.1) and the given flowsets. */
    static byte[] v9(long sourceId, byte[]... sets) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(ByteBuffer.allocate(20).putShort((short) 9).putShort((short) sets.length).putInt(1000)
                .putInt(1_700_000_000).putInt(1).putInt((int) sourceId).array());
        for (byte[] s : sets) {
            o.writeBytes(s);
        }
        return o.toByteArray();
    }

    /** A set: id, length, body. */
    static byte[] set(int id, byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putShort((short) id).putShort((short) (4 + body.length)).put(body).array();
    }

    /** A template record: id, count, then (element id, length) pairs. */
    static byte[] template(int id, int... fields) {
        ByteBuffer b = ByteBuffer.allocate(4 + fields.length * 2).putShort((short) id).putShort((short) (fields.length / 2));
        for (int f : fields) {
            b.putShort((short) f);
        }
        return b.array();
    }

    static List<NetflowDecoder.Record> decode(NetflowDecoder d, byte[] datagram, String exporter) {
        List<NetflowDecoder.Record> out = new ArrayList<>();
        assertTimeoutPreemptively(HANG, () -> d.decode(datagram, datagram.length, exporter, out::add));
        return out;
    }

    @Test
    void theThirtyTwoByteZeroFieldTemplateIsRefusedAndItsDataSetCostsNothing() {
        // the review's datagram: a template with no fields, then a data set for it (16 + 8 + 8 bytes)
        byte[] ipfix = ipfix(1, set(2, template(256)), set(256, new byte[4]));
        assertThat(ipfix).hasSize(32);
        byte[] v9 = v9(1, set(0, template(256)), set(256, new byte[4]));
        NetflowDecoder d = new NetflowDecoder();
        assertThat(decode(d, ipfix, "192.0.2.1")).isEmpty();
        assertThat(decode(d, v9, "192.0.2.1")).isEmpty();
        assertThat(d.counters().anomalies).containsEntry("netflow.template_no_fields", 2L);
        assertThat(d.counters().noTemplate).isEqualTo(2);
        assertThat(d.templates()).isZero();
    }

    @Test
    void impossibleTemplatesAreRefusedByName() {
        NetflowDecoder d = new NetflowDecoder();
        int[] wide = new int[2 * 300];
        for (int i = 0; i < 300; i++) {
            wide[2 * i] = 1;
            wide[2 * i + 1] = 4;
        }
        // every field of no length: records of zero bytes
        decode(d, ipfix(1, set(2, template(300, 8, 0, 12, 0)), set(300, new byte[8])), "192.0.2.1");
        // more fields than the limit
        decode(d, ipfix(1, set(2, template(301, wide))), "192.0.2.1");
        // a record longer than any message can carry
        decode(d, ipfix(1, set(2, template(302, 1, 65_000, 2, 1_000))), "192.0.2.1");
        // a count that runs past the set
        byte[] t = template(303, 8, 4, 12, 4);
        t[3] = 50;
        decode(d, ipfix(1, set(2, t)), "192.0.2.1");
        // a template id that names a set (RFC 7011 §3.4.1: 256 and above)
        decode(d, ipfix(1, set(2, template(5, 8, 4))), "192.0.2.1");
        // options: a scope count of zero, and one larger than the field count
        decode(d, ipfix(1, set(3, ByteBuffer.allocate(10).putShort((short) 304).putShort((short) 1).putShort((short) 0)
                .putShort((short) 149).putShort((short) 4).array())), "192.0.2.1");
        decode(d, ipfix(1, set(3, ByteBuffer.allocate(10).putShort((short) 305).putShort((short) 1).putShort((short) 2)
                .putShort((short) 149).putShort((short) 4).array())), "192.0.2.1");
        // v9 options whose lengths are not whole fields
        decode(d, v9(1, set(1, ByteBuffer.allocate(10).putShort((short) 306).putShort((short) 3).putShort((short) 4)
                .putShort((short) 1).putShort((short) 4).array())), "192.0.2.1");
        assertThat(d.counters().anomalies).containsEntry("netflow.template_empty_record", 1L)
                .containsEntry("netflow.template_too_many_fields", 1L).containsEntry("netflow.template_record_too_long", 1L)
                .containsEntry("netflow.template_truncated", 1L).containsEntry("netflow.template_bad_scope", 2L)
                .containsEntry("netflow.template_bad_id", 2L);
        assertThat(d.templates()).isZero();
        assertThat(d.counters().malformed).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aVariableLengthFieldCutAtTheEndOfItsSetIsMalformed(int cut) {
        NetflowDecoder d = new NetflowDecoder();
        // source and destination address, then a variable-length field (RFC 7011 §7)
        byte[] tmpl = set(2, template(256, 8, 4, 12, 4, 82, 65_535));
        byte[] body = new byte[8 + 3];
        body[8] = (byte) 255; // a three-byte length prefix (16) that the set cuts, or whose 16 bytes it does not hold
        body[10] = 16;
        byte[] data = set(256, java.util.Arrays.copyOf(body, 8 + cut));
        assertThat(decode(d, ipfix(1, tmpl, data), "192.0.2.1")).isEmpty();
        assertThat(d.counters().malformed).isPositive();
    }

    @Test
    void spoofedTemplateFloodsStayWithinTheLimitsAndARealExporterKeepsDecoding() {
        NetflowLimits l = NetflowLimits.DEFAULT;
        NetflowDecoder d = new NetflowDecoder(l);
        byte[] real = ipfix(7, set(2, template(256, 8, 4, 12, 4, 2, 4)));
        decode(d, real, "10.0.0.1");
        // 2,500 spoofed exporters (the review's number), each announcing 40 templates of 200 fields in 8 domains
        int[] fields = new int[2 * 200];
        for (int i = 0; i < 200; i++) {
            fields[2 * i] = 1 + i;
            fields[2 * i + 1] = 4;
        }
        for (int x = 0; x < 2_500; x++) {
            byte[][] sets = new byte[5][];
            for (int s = 0; s < 5; s++) {
                sets[s] = set(2, template(256 + s, fields));
            }
            for (int dom = 0; dom < 8; dom++) {
                byte[] m = ipfix(dom, sets);
                d.decode(m, m.length, "198.51." + (x / 250) + "." + (x % 250), r -> { });
            }
            // the real exporter refreshes its template now and then, as RFC 7011 §8.4 asks over UDP
            if (x % 100 == 0) {
                decode(d, real, "10.0.0.1");
            }
        }
        assertThat(d.templates()).isLessThanOrEqualTo(l.templates());
        assertThat(d.exporters()).isLessThanOrEqualTo(l.exporters());
        assertThat(d.counters().anomalies).containsKey("netflow.template_evicted").containsKey("netflow.exporter_evicted");
        // one exporter announcing ten thousand templates keeps at most its share
        NetflowDecoder one = new NetflowDecoder(l);
        for (int t = 0; t < 10_000; t++) {
            byte[] m = ipfix(1, set(2, template(256 + t, 8, 4, 12, 4)));
            one.decode(m, m.length, "203.0.113.9", r -> { });
        }
        assertThat(one.templates()).isEqualTo(l.templatesPerExporter());
        // and the real exporter's data still decodes after its latest refresh
        byte[] data = ipfix(7, set(256, new byte[] {10, 0, 0, 5, 10, 0, 0, 6, 0, 0, 0, 3}));
        assertThat(decode(d, data, "10.0.0.1")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 20, 23, 24, 100})
    void truncatedExportPacketsAreCountedNotThrown(int length) throws Exception {
        NetflowDecoder d = new NetflowDecoder();
        List<NetflowDecoder.Record> out = new ArrayList<>();
        for (int version : new int[] {5, 9, 10, 7}) {
            byte[] b = new byte[Math.max(length, 4)];
            b[1] = (byte) version;
            if (b.length > 3) {
                b[3] = (byte) 200; // claims far more than there is
            }
            d.decode(b, length, "192.0.2.1", out::add);
        }
        assertThat(out).isEmpty();
        assertThat(d.counters().malformed + d.counters().noTemplate).isGreaterThan(0);
    }
}
