package dev.kforge;

import dev.kforge.api.ModelException;
import dev.kforge.api.Platform;
import dev.kforge.api.PlatformDefinition;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;

/** Loads a {@link PlatformDefinition} by class name and calls it; every way this can fail says what to change. */
final class PlatformClasses {

    private static final String INTERFACE = PlatformDefinition.class.getName();

    private PlatformClasses() {
    }

    /**
     * The platform that class {@code name}, loaded with {@code loader}, defines.
     *
     * @throws ModelException  if {@code define()} reports problems of the model
     * @throws KforgeException for every other failure, naming the class and what to change
     */
    static Platform define(String name, ClassLoader loader) {
        ClassLoader classes = loader != null ? loader : PlatformClasses.class.getClassLoader();
        PlatformDefinition definition = instantiate(name, classes);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classes);
        Platform platform;
        try {
            platform = definition.define();
        } catch (ModelException e) {
            throw e;
        } catch (KforgeException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new KforgeException(name + ".define() failed with " + e
                    + "; fix the class (the log shows its stack trace)", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (platform == null) {
            throw new KforgeException(name + ".define() returned null; return the platform it builds, "
                    + "Platform.builder(\"...\")...build()", List.of());
        }
        return platform;
    }

    private static PlatformDefinition instantiate(String name, ClassLoader classes) {
        Class<?> type;
        try {
            type = Class.forName(name, false, classes);
        } catch (ClassNotFoundException e) {
            throw new KforgeException("there is no class " + name + " on the project's class path; check the "
                    + "name (with its package, like com.example.ShopPlatform) and that the project is compiled "
                    + "before kforge runs", List.of());
        } catch (LinkageError e) {
            throw new KforgeException("the class " + name + " cannot be loaded (" + e + "); check that it and "
                    + "the classes it uses are compiled against the dependencies on the class path", e);
        }
        if (!PlatformDefinition.class.isAssignableFrom(type)) {
            String what = implementsByName(type)
                    ? " implements a copy of " + INTERFACE + " from another class loader; this is a kforge defect, "
                    + "please report it"
                    : " does not implement " + INTERFACE + "; declare it as 'public class " + type.getSimpleName()
                    + " implements PlatformDefinition' with a method 'public Platform define()'";
            throw new KforgeException("the platform class " + name + what, List.of());
        }
        int modifiers = type.getModifiers();
        if (type.isInterface() || Modifier.isAbstract(modifiers)) {
            throw new KforgeException("the platform class " + name + " is abstract; name a concrete class that "
                    + "implements PlatformDefinition", List.of());
        }
        if (!Modifier.isPublic(modifiers) || type.isMemberClass() && !Modifier.isStatic(modifiers)) {
            throw new KforgeException("the platform class " + name + " must be public"
                    + (type.isMemberClass() ? " and static" : "") + " so that kforge can create it", List.of());
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new KforgeException("the platform class " + name + " has no public constructor without "
                    + "parameters; add 'public " + type.getSimpleName() + "() { }'", List.of());
        }
        try {
            return (PlatformDefinition) constructor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new KforgeException("the constructor of " + name + " failed with " + cause + "; fix it (the log "
                    + "shows its stack trace)", cause);
        } catch (ExceptionInInitializerError e) {
            throw new KforgeException("the static initialisation of " + name + " failed with " + e.getCause()
                    + "; fix it (the log shows its stack trace)", e.getCause() != null ? e.getCause() : e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new KforgeException("kforge cannot create " + name + " (" + e + "); make it a public class with a "
                    + "public constructor without parameters", e);
        }
    }

    /** True if {@code type} implements an interface named like {@link PlatformDefinition} (another loader's). */
    private static boolean implementsByName(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(INTERFACE)) {
                    return true;
                }
            }
        }
        return false;
    }
}
