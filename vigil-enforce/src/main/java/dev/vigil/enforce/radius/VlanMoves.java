package dev.vigil.enforce.radius;

import dev.vigil.detect.segmentation.VlanPlan;
import dev.vigil.enforce.EnforcementException;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows tier and zone changes on the switches: given a new placement, every admitted session
 * whose VLAN it changes is moved with a CoA (a Disconnect when the NAS refuses), and a session whose
 * device is now refused is disconnected. A move neither request achieved is reported as not done,
 * with the answers as evidence, for the caller to raise as {@code enforcement.failed}.
 */
public final class VlanMoves {

    /**
     * One session moved, or not.
     *
     * @param mac the device
     * @param device the inventory device, or null
     * @param from the VLAN it had
     * @param to the VLAN it is to have, or 0 when it is to be refused
     * @param reason why (the assignment's reason)
     * @param results what the NAS answered, in order
     * @param done whether the NAS acknowledged a request
     */
    public record Move(String mac, String device, int from, int to, String reason, List<CoaClient.Result> results,
            boolean done) {
    }

    private final RadiusServer server;
    private final CoaClient coa;
    private final int coaPort;

    public VlanMoves(RadiusServer server, CoaClient coa, int coaPort) {
        this.server = server;
        this.coa = coa;
        this.coaPort = coaPort;
    }

    /** Uses the new placement for every later request and moves the sessions it changes. */
    public List<Move> follow(Placement p) {
        server.place(p);
        List<Move> out = new ArrayList<>();
        for (Session s : server.sessions()) {
            Placement.Placed placed = p.place(s.mac());
            VlanPlan.Assignment a = placed.assignment();
            int to = a == null ? 0 : a.vlan();
            if (to == s.vlan()) {
                continue;
            }
            String reason = a == null ? "now refused" : a.reason();
            RadiusClient c = RadiusClient.of(List.copyOf(server.clients()), s.nas().getAddress());
            List<CoaClient.Result> results;
            try {
                results = a == null ? List.of(coa.disconnect(s, c.secret(), coaPort)) : coa.move(s, to, c.secret(), coaPort);
            } catch (EnforcementException e) {
                results = List.of(new CoaClient.Result("CoA-Request", s.nas(), "refused", e.getMessage(), 0));
            }
            boolean done = results.stream().anyMatch(CoaClient.Result::acknowledged);
            if (done) {
                server.update(s.movedTo(to, reason, System.currentTimeMillis()));
            }
            out.add(new Move(s.mac(), placed.device(), s.vlan(), to, reason, results, done));
        }
        return out;
    }
}
