package dev.sluice.db;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibpqUrlTest {

    @Test
    void fullFormMovesUserAndPasswordOutOfTheUrl() {
        LibpqUrl.Login login = LibpqUrl.toJdbc("postgres://app:p%40ss@db.example.com:6543/shop?sslmode=require", null, null);
        assertEquals("jdbc:postgresql://db.example.com:6543/shop?sslmode=require", login.url());
        assertEquals("app", login.user());
        assertEquals("p@ss", login.password());
        assertFalse(login.toString().contains("p@ss"), login.toString());
    }

    @Test
    void postgresqlSchemeAndDefaults() {
        LibpqUrl.Login login = LibpqUrl.toJdbc("postgresql://app@db/shop", null, "fromEnv");
        assertEquals("jdbc:postgresql://db/shop", login.url());
        assertEquals("app", login.user());
        assertEquals("fromEnv", login.password());
        assertEquals("jdbc:postgresql://localhost/", LibpqUrl.toJdbc("postgres://", null, null).url());
        assertEquals("jdbc:postgresql://localhost/shop", LibpqUrl.toJdbc("postgresql:///shop", null, null).url());
    }

    @Test
    void parametersAreRenamedToTheDriversAndUserParametersMovedOut() {
        LibpqUrl.Login login = LibpqUrl.toJdbc(
                "postgres://h1:5432,h2:5433/db?user=app&password=secret&application_name=web&connect_timeout=5"
                        + "&target_session_attrs=read-write&sslrootcert=%2Fetc%2Fca.pem", "other", null);
        assertEquals("jdbc:postgresql://h1:5432,h2:5433/db?ApplicationName=web&connectTimeout=5"
                + "&targetServerType=primary&sslrootcert=%2Fetc%2Fca.pem", login.url());
        assertEquals("app", login.user());
        assertEquals("secret", login.password());
    }

    @Test
    void ipv6HostsAndJdbcUrlsPassThrough() {
        assertEquals("jdbc:postgresql://[::1]:5432/db", LibpqUrl.toJdbc("postgres://[::1]:5432/db", null, null).url());
        LibpqUrl.Login jdbc = LibpqUrl.toJdbc("jdbc:postgresql://h/db", "u", "p");
        assertEquals("jdbc:postgresql://h/db", jdbc.url());
        assertEquals("u", jdbc.user());
        assertEquals("p", jdbc.password());
        assertNull(LibpqUrl.toJdbc("jdbc:postgresql://h/db", null, null).user());
        assertTrue(LibpqUrl.isLibpq("postgres://x"));
    }

    @Test
    void aMalformedUrlIsRejectedWithoutItsPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LibpqUrl.toJdbc("postgres://app:hunter22@db:notaport/x", null, null));
        assertFalse(e.getMessage().contains("hunter22"), e.getMessage());
        assertTrue(e.getMessage().contains("port"), e.getMessage());
    }
}
