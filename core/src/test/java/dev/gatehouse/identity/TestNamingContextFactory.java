package dev.gatehouse.identity;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * A JNDI provider for tests, as a container provides {@code java:comp/env}: names bound in {@link #BOUND} are what
 * {@code new InitialContext().lookup(name)} returns. Selected with the {@code java.naming.factory.initial} property.
 */
public final class TestNamingContextFactory implements InitialContextFactory {

    /** The bindings. */
    public static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        return new InitialContext(true) {
            @Override
            public Object lookup(String name) throws NamingException {
                Object value = BOUND.get(name);
                if (value == null) {
                    throw new NameNotFoundException(name);
                }
                return value;
            }
        };
    }
}
