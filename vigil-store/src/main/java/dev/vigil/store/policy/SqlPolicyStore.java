package dev.vigil.store.policy;

import dev.vigil.store.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** {@link PolicyStore} in SQL. */
public final class SqlPolicyStore implements PolicyStore {

    private final Database db;

    public SqlPolicyStore(Database db) {
        this.db = db;
    }

    private static RevisionRow revision(ResultSet rs) throws SQLException {
        return new RevisionRow(rs.getString("revision"), rs.getString("name"), rs.getString("text"), rs.getString("author"),
                rs.getLong("created"), rs.getString("state"), rs.getString("approved_by"), rs.getLong("approved_at"));
    }

    private static DecisionRow decision(ResultSet rs) throws SQLException {
        return new DecisionRow(rs.getLong("id"), rs.getLong("decided"), rs.getString("caller"), rs.getString("revision"),
                rs.getString("src"), rs.getString("dst"), rs.getInt("proto"), rs.getInt("port"), rs.getString("at"),
                rs.getString("verdict"), rs.getString("rule"), rs.getString("reason"));
    }

    private static FlowRow flow(ResultSet rs) throws SQLException {
        return new FlowRow(rs.getString("src"), rs.getString("src_mac"), rs.getString("dst"), rs.getInt("proto"),
                rs.getInt("port"), rs.getLong("flows"), rs.getLong("answered"), rs.getLong("first_seen"),
                rs.getLong("last_seen"));
    }

    private static QuarantineRow quarantine(ResultSet rs) throws SQLException {
        return new QuarantineRow(rs.getLong("id"), rs.getString("device"), rs.getString("state"), rs.getString("addresses"),
                rs.getString("reason"), rs.getString("requested_by"), rs.getLong("requested"), rs.getLong("from_ts"),
                rs.getLong("until_ts"), rs.getInt("offence"), rs.getString("decided_by"), rs.getLong("decided"),
                rs.getString("outcome"));
    }

    @Override
    public boolean draft(String revision, String name, String text, String author, long now) {
        return db.write(h -> h.createUpdate("INSERT INTO policy_revisions (revision, name, text, author, created, state) "
                + "VALUES (:r, :n, :t, :a, :c, 'draft') ON CONFLICT (revision) DO NOTHING").bind("r", revision).bind("n", name)
                .bind("t", text).bind("a", author).bind("c", now).execute() == 1);
    }

    @Override
    public Optional<RevisionRow> revision(String revision) {
        return db.read(h -> h.createQuery("SELECT * FROM policy_revisions WHERE revision = :r").bind("r", revision)
                .map((rs, c) -> revision(rs)).findOne());
    }

    @Override
    public List<RevisionRow> revisions(int limit) {
        return db.read(h -> h.createQuery("SELECT * FROM policy_revisions ORDER BY created DESC, revision LIMIT :n")
                .bind("n", limit).map((rs, c) -> revision(rs)).list());
    }

    @Override
    public Optional<RevisionRow> approved() {
        return db.read(h -> h.createQuery("SELECT * FROM policy_revisions WHERE state = 'approved'")
                .map((rs, c) -> revision(rs)).findOne());
    }

    @Override
    public void approve(String revision, String by, long now) {
        db.write(h -> {
            h.createUpdate("UPDATE policy_revisions SET state = 'retired' WHERE state = 'approved' AND revision <> :r")
                    .bind("r", revision).execute();
            return h.createUpdate("UPDATE policy_revisions SET state = 'approved', approved_by = :b, approved_at = :t "
                    + "WHERE revision = :r").bind("r", revision).bind("b", by).bind("t", now).execute();
        });
    }

    @Override
    public long logDecision(DecisionRow d) {
        return db.write(h -> {
            long id = h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM policy_decisions").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO policy_decisions (id, decided, caller, revision, src, dst, proto, port, at, verdict, rule, "
                    + "reason) VALUES (:id, :d, :c, :r, :s, :t, :p, :o, :at, :v, :ru, :re)").bind("id", id).bind("d", d.decided())
                    .bind("c", d.caller()).bind("r", d.revision()).bind("s", d.src()).bind("t", d.dst()).bind("p", d.proto())
                    .bind("o", d.port()).bind("at", d.at()).bind("v", d.verdict()).bind("ru", d.rule()).bind("re", d.reason())
                    .execute();
            return id;
        });
    }

    @Override
    public List<DecisionRow> decisions(int limit, int offset, long before) {
        return db.read(h -> h.createQuery("SELECT * FROM policy_decisions WHERE id < :b ORDER BY id DESC LIMIT :n OFFSET :o")
                .bind("b", before).bind("n", limit).bind("o", offset).map((rs, c) -> decision(rs)).list());
    }

    @Override
    public long decisionCount(long before) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM policy_decisions WHERE id < :b").bind("b", before)
                .mapTo(Long.class).one());
    }

    @Override
    public void addFlows(Collection<FlowRow> flows, long now) {
        if (flows.isEmpty()) {
            return;
        }
        db.write(h -> {
            var b = h.prepareBatch("INSERT INTO policy_flows (src, dst, proto, port, src_mac, flows, answered, first_seen, last_seen, "
                    + "updated) VALUES (:s, :d, :p, :o, :m, :f, :a, :fs, :ls, :t) ON CONFLICT (src, dst, proto, port) DO UPDATE SET "
                    + "flows = policy_flows.flows + :f, answered = policy_flows.answered + :a, "
                    + "src_mac = COALESCE(:m, policy_flows.src_mac), "
                    + "first_seen = CASE WHEN policy_flows.first_seen < :fs THEN policy_flows.first_seen ELSE :fs END, "
                    + "last_seen = CASE WHEN policy_flows.last_seen > :ls THEN policy_flows.last_seen ELSE :ls END, updated = :t");
            for (FlowRow f : flows) {
                b.bind("s", f.src()).bind("d", f.dst()).bind("p", f.proto()).bind("o", f.port()).bind("m", f.srcMac())
                        .bind("f", f.flows()).bind("a", f.answered()).bind("fs", f.first()).bind("ls", f.last()).bind("t", now)
                        .add();
            }
            return b.execute();
        });
    }

    @Override
    public List<FlowRow> flows(long since, int limit) {
        return flows(since, Long.MAX_VALUE, limit);
    }

    @Override
    public List<FlowRow> flows(long since, long until, int limit) {
        return db.read(h -> h.createQuery("SELECT * FROM policy_flows WHERE last_seen >= :s AND first_seen < :u "
                + "ORDER BY last_seen DESC, src, dst, proto, port LIMIT :n").bind("s", since).bind("u", until).bind("n", limit)
                .map((rs, c) -> flow(rs)).list());
    }

    @Override
    public long addQuarantine(QuarantineRow q) {
        return db.write(h -> {
            long id = h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM quarantines").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO quarantines (id, device, state, addresses, reason, requested_by, requested, from_ts, until_ts, "
                    + "offence, decided_by, decided, outcome) VALUES (:id, :d, :s, :a, :r, :rb, :rq, :f, :u, :o, :db, :dd, :oc)")
                    .bind("id", id).bind("d", q.device()).bind("s", q.state()).bind("a", q.addresses()).bind("r", q.reason())
                    .bind("rb", q.requestedBy()).bind("rq", q.requested()).bind("f", q.from()).bind("u", q.until())
                    .bind("o", q.offence()).bind("db", q.decidedBy()).bind("dd", q.decided()).bind("oc", q.outcome()).execute();
            return id;
        });
    }

    @Override
    public void updateQuarantine(QuarantineRow q) {
        db.write(h -> h.createUpdate("UPDATE quarantines SET state = :s, from_ts = :f, until_ts = :u, offence = :o, "
                + "decided_by = :db, decided = :dd, outcome = :oc WHERE id = :id").bind("id", q.id()).bind("s", q.state())
                .bind("f", q.from()).bind("u", q.until()).bind("o", q.offence()).bind("db", q.decidedBy())
                .bind("dd", q.decided()).bind("oc", q.outcome()).execute());
    }

    @Override
    public Optional<QuarantineRow> quarantine(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM quarantines WHERE id = :id").bind("id", id)
                .map((rs, c) -> quarantine(rs)).findOne());
    }

    @Override
    public List<QuarantineRow> quarantines(Collection<String> states, int limit) {
        if (states.isEmpty()) {
            return db.read(h -> h.createQuery("SELECT * FROM quarantines ORDER BY id DESC LIMIT :n").bind("n", limit)
                    .map((rs, c) -> quarantine(rs)).list());
        }
        return db.read(h -> h.createQuery("SELECT * FROM quarantines WHERE state IN (<s>) ORDER BY id DESC LIMIT :n")
                .bindList("s", List.copyOf(states)).bind("n", limit).map((rs, c) -> quarantine(rs)).list());
    }
}
