package dev.lightreasoner.service;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The cause of a failed execution, read from the exception text JBeret stores with the failed step (or
 * partition): the innermost "Caused by" line, else the first line, without the package names.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FailureCauses {
    @Resource(lookup = "java:jboss/datasources/LightReasonerDS")
    DataSource dataSource;

    /** @return the cause, or null when no step or partition of the execution recorded an exception */
    public String of(long executionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT s.STEPNAME, s.EXECUTIONEXCEPTION, p.EXECUTIONEXCEPTION"
                     + " FROM STEP_EXECUTION s LEFT JOIN PARTITION_EXECUTION p ON p.STEPEXECUTIONID = s.STEPEXECUTIONID"
                     + " WHERE s.JOBEXECUTIONID = ? ORDER BY s.STEPEXECUTIONID, p.PARTITIONEXECUTIONID")) {
            s.setLong(1, executionId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String text = r.getString(3) != null ? r.getString(3) : r.getString(2);
                    if (text != null && !text.isBlank()) {
                        return "step " + r.getString(1) + ": " + summarize(text);
                    }
                }
            }
        }
        return null;
    }

    /** "a.b.FooException: msg\n\tat …\nCaused by: c.d.BarException: why" -> "BarException: why". */
    static String summarize(String stackTrace) {
        String chosen = null;
        for (String line : stackTrace.split("\\R")) {
            String l = line.strip();
            if (chosen == null && !l.isEmpty()) {
                chosen = l;
            } else if (l.startsWith("Caused by: ")) {
                chosen = l.substring("Caused by: ".length());
            }
        }
        if (chosen == null) {
            return "";
        }
        int colon = chosen.indexOf(": ");
        String type = colon < 0 ? chosen : chosen.substring(0, colon);
        if (type.matches("[\\w.$]+")) {
            String simple = type.substring(type.lastIndexOf('.') + 1);
            chosen = simple + (colon < 0 ? "" : chosen.substring(colon));
        }
        return chosen.length() > 900 ? chosen.substring(0, 900) + "…" : chosen;
    }
}
