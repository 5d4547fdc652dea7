package dev.routerlab.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Base of the mutable configuration sections: value equality over every non-transient instance
 * field, so a section compares equal to another built from the same commands (the round trip).
 */
public abstract class Model {
    @Override
    public final boolean equals(Object o) {
        if (this == o) return true;
        if (o == null || o.getClass() != getClass()) return false;
        for (Field f : fields(getClass())) {
            try {
                if (!Objects.equals(f.get(this), f.get(o))) return false;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return true;
    }

    @Override
    public final int hashCode() {
        int h = getClass().hashCode();
        for (Field f : fields(getClass())) {
            try {
                h = 31 * h + Objects.hashCode(f.get(this));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return h;
    }

    private static List<Field> fields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) continue;
            f.setAccessible(true);
            out.add(f);
        }
        return out;
    }
}
