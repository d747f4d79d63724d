package io.jsonmig.migration.load;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names the record behind an error PostgreSQL raised during a COPY (one CSV line per record). */
final class CopyErrors {

    private static final Pattern LINE = Pattern.compile("COPY [^,]*, line (\\d+)");

    private CopyErrors() {
    }

    /** @param collection the collection whose records the rows come from */
    static String describe(String collection, String table, SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            Matcher line = LINE.matcher(server.getWhere() == null ? "" : server.getWhere());
            String record = line.find() ? " record " + (Long.parseLong(line.group(1)) - 1) : "";
            // "Failing row contains (...)" would copy a whole record (personal data, say) into events and logs.
            String detail = server.getDetail() == null || server.getDetail().startsWith("Failing row contains") ? ""
                    : " (" + server.getDetail() + ")";
            return "collection '" + collection + "'" + record + ": table " + table + " refused it: "
                    + server.getMessage() + detail;
        }
        return "cannot load collection '" + collection + "' into table " + table + ": " + e.getMessage();
    }
}
