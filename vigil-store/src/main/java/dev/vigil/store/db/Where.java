package dev.vigil.store.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;

/** The WHERE clause a store builds from a filter, and the values it binds. */
public final class Where {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds {@code column = :name} when {@code value} is given. */
    public Where eq(String column, String name, Object value) {
        return value == null ? this : add(column + " = :" + name, name, value);
    }

    /** Adds a clause using {@code :name}, bound to {@code value}. */
    public Where add(String clause, String name, Object value) {
        clauses.add(clause);
        values.put(name, value);
        return this;
    }

    /** Adds a clause without a parameter. */
    public Where add(String clause) {
        clauses.add(clause);
        return this;
    }

    /** Binds one more value a clause uses. */
    public Where bind(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** {@code column IN (:name0, …)}; no value at all matches nothing. */
    public Where in(String column, String name, List<String> in) {
        if (in.isEmpty()) {
            return add("1 = 0");
        }
        clauses.add(inClause(column, name, in.size()));
        for (int i = 0; i < in.size(); i++) {
            values.put(name + i, in.get(i));
        }
        return this;
    }

    /** {@code column IN (:name0, …, :name<n-1>)}, for a clause that binds the values itself. */
    public static String inClause(String column, String name, int n) {
        StringBuilder sb = new StringBuilder(column).append(" IN (");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? ":" : ", :").append(name).append(i);
        }
        return sb.append(')').toString();
    }

    /** " WHERE a AND b", or "" without a clause. */
    public String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** " AND a AND b" after a WHERE the statement has already, or "". */
    public String and() {
        return clauses.isEmpty() ? "" : " AND " + String.join(" AND ", clauses);
    }

    public <S extends SqlStatement<S>> S bindTo(S statement) {
        values.forEach(statement::bind);
        return statement;
    }
}
