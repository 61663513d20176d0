package dev.sluice.junit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The few queries the extension's tests make, through whatever DataSource they were given. */
final class Rows {

    private Rows() {
    }

    static String query(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row: " + sql);
            }
            return rs.getString(1);
        }
    }

    static long orders(DataSource dataSource) throws SQLException {
        return Long.parseLong(query(dataSource, "select count(*) from orders"));
    }

    static void addOrder(DataSource dataSource, String customer) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into orders (customer, total) values ('" + customer + "', 10)");
        }
    }
}
