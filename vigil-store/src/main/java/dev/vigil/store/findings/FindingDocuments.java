package dev.vigil.store.findings;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.Severity;
import dev.vigil.store.db.Documents;
import dev.vigil.store.db.FieldCipher;

/**
 * A finding to its stored document and back, field by field; the evidence of captured credentials
 * ({@link #sensitive}) is stored encrypted, the whole document under the cipher.
 */
public final class FindingDocuments {

    private FindingDocuments() {
    }

    /** True for findings whose document is encrypted at rest (captured credentials). */
    public static boolean sensitive(String type) {
        return type.startsWith("credentials.");
    }

    public static String write(Finding f, FieldCipher cipher) {
        String json = Documents.write(of(f));
        return sensitive(f.type()) ? cipher.encrypt(json) : json;
    }

    public static Finding read(String data, FieldCipher cipher) {
        return finding(Documents.read(cipher.isEncrypted(data) ? cipher.decrypt(data) : data, FindingDocument.class));
    }

    static FindingDocument of(Finding f) {
        Finding.DeviceRef d = f.device();
        Finding.Peer p = f.peer();
        Finding.Standards s = f.standards();
        return new FindingDocument(FindingDocument.VERSION, f.type(), f.severity() == null ? null : f.severity().label(),
                f.title(), d == null ? null : new FindingDocument.DeviceRef(d.id(), d.mac(), d.ip(), d.role()),
                p == null ? null : new FindingDocument.Peer(p.ip(), p.port(), p.host()), f.firstSeen(), f.lastSeen(), f.count(),
                f.evidence(), s == null ? null : new FindingDocument.Standards(s.etsi(), s.owasp()), f.remediation());
    }

    static Finding finding(FindingDocument f) {
        Documents.readable(f.version(), FindingDocument.VERSION, "a finding of type " + f.type());
        FindingDocument.DeviceRef d = f.device();
        FindingDocument.Peer p = f.peer();
        FindingDocument.Standards s = f.standards();
        return new Finding(f.type(), f.severity() == null ? null : Severity.parse(f.severity()), f.title(),
                d == null ? null : new Finding.DeviceRef(d.id(), d.mac(), d.ip(), d.role()),
                p == null ? null : new Finding.Peer(p.ip(), p.port(), p.host()), f.firstSeen(), f.lastSeen(), f.count(),
                f.evidence(), s == null ? null : new Finding.Standards(s.etsi(), s.owasp()), f.remediation());
    }
}
