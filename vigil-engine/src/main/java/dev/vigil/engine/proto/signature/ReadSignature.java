package dev.vigil.engine.proto.signature;

import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.flow.Transport;

/**
 * A protocol recognised by its {@link SignatureProtocol} whose messages are also read: the name,
 * ports and probe are the signature's, the dissectors the subclass's.
 */
public abstract class ReadSignature implements Protocol {

    private final SignatureProtocol signature;

    protected ReadSignature(SignatureProtocol signature) {
        this.signature = signature;
    }

    @Override
    public final String name() {
        return signature.name();
    }

    @Override
    public final int[] tcpPorts() {
        return signature.tcpPorts();
    }

    @Override
    public final int[] udpPorts() {
        return signature.udpPorts();
    }

    @Override
    public final Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        return signature.probe(transport, b, off, len, fromClient, portHint);
    }
}
