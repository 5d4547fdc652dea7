package dev.routerlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/routerlab on the JDK running this test (17 and 25 in CI): the first run after a build
 * makes the class-data archive for that JDK (an AOT cache from 24 on, a dynamic AppCDS archive
 * before), later runs map it, and neither the archive nor a bad one changes a byte of what the
 * router prints.
 */
class LauncherTest {
    private static final String INPUT = "show version | include uptime\nshow clock\nenable\nshow running-config | include hostname\n";
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final int FEATURE = Runtime.version().feature();

    @TempDir Path dir;

    /**
     * bin/routerlab makes its archive after a launch in the background; the temporary folder goes
     * only once every maker a test started is done, its record (.conf, .classlist) removed last.
     */
    @AfterEach
    void archiveMakersDone() throws Exception {
        for (int i = 0; i < 1200; i++) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.map(f -> f.getFileName().toString()).noneMatch(n -> n.endsWith(".conf") || n.endsWith(".classlist"))) return;
            }
            Thread.sleep(100);
        }
        fail("archive makers still running after 120 s in " + dir);
    }

    private record Run(int status, String out, String err) {}

    @Test
    void archiveMadeOnceThenUsedAndNeverChangesTheOutput() throws Exception {
        Path jar = jarOfClasses(dir.resolve("routerlab.jar"));
        Path archive = dir.resolve("routerlab-jdk" + FEATURE + (FEATURE >= 24 ? ".aot" : ".jsa"));
        Run plain = run(List.of(JAVA, "-jar", jar.toString(), "console"));
        assertEquals(0, plain.status(), plain.err());
        assertTrue(plain.out().contains("R") && plain.out().contains("*00:00:00"), plain.out());

        Run first = launcher(jar);
        assertEquals(plain, first, "the run that makes the archive");
        awaitFile(archive);

        Run second = launcher(jar);
        assertEquals(plain, second, "a run from the archive");

        Files.write(archive, "not an archive".getBytes(StandardCharsets.US_ASCII));   // newer than the jar and JDK
        assertEquals(plain, launcher(jar), "a bad archive is ignored in silence");

        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertEquals(plain, launcher(jar), "an archive older than the jar is made again");
        awaitNewerThan(archive, jar);
    }

    /**
     * With routerlab-app.jar beside the jar (as the build makes it: routerlab's classes, no
     * manifest), the launcher starts it by -cp with the jar and names its archive after it; here
     * the jar beside it holds nothing, so a launch from it would fail.
     */
    @Test
    void appJarStartedWhereTheBuildMadeIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(FEATURE < 22 || FEATURE >= 24, "JDK 22-23 start the launch jar, which names routerlab-app.jar");
        Path jar = emptyJar(dir.resolve("routerlab.jar"));   // no classes: a launch from it would fail
        Path app = jarOfClasses(dir.resolve("routerlab-app.jar"));
        Path archive = dir.resolve("routerlab-app-jdk" + FEATURE + (FEATURE >= 24 ? ".aot" : ".jsa"));
        Run plain = run(List.of(JAVA, "-jar", app.toString(), "console"));
        assertEquals(0, plain.status(), plain.err());
        assertEquals(plain, launcher(jar), "the run that makes the archive");
        awaitFile(archive);
        assertEquals(plain, launcher(jar), "a run from the archive");
    }

    /**
     * With routerlab-launch.jar beside the jar as well (the build's layout: a manifest naming
     * routerlab-app.jar on its Class-Path), the launcher starts that one on JDK 22-23 and names its
     * archive after it; other JDKs start routerlab-app.jar and the shaded jar by -cp.
     */
    @Test
    void launchJarStartedWhereTheBuildMadeIt() throws Exception {
        Path jar = emptyJar(dir.resolve("routerlab.jar"));   // no classes: a launch from it would fail
        Path app = jarOfClasses(dir.resolve("routerlab-app.jar"));
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, "routerlab-app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(dir.resolve("routerlab-launch.jar")), m)) {
            // the manifest only
        }
        // JDK 13-21 and 24+ start routerlab-app.jar by -cp (no manifest read; before 24 so no Add-Opens:
        // noLambdaAtAllBeforeTheFirstPromptByCp), 22-23 the launch jar
        boolean byCp = FEATURE < 22 || FEATURE >= 24;
        String started = byCp ? "routerlab-app" : "routerlab-launch";
        String other = byCp ? "routerlab-launch" : "routerlab-app";
        Path archive = dir.resolve(started + "-jdk" + FEATURE + (FEATURE >= 24 ? ".aot" : ".jsa"));
        Run plain = run(List.of(JAVA, "-jar", app.toString(), "console"));
        assertEquals(0, plain.status(), plain.err());
        assertEquals(plain, launcher(jar), "the run that makes the archive");
        awaitFile(archive);
        assertEquals(plain, launcher(jar), "a run from the archive");
        assertTrue(!Files.exists(dir.resolve(other + "-jdk" + FEATURE + (FEATURE >= 24 ? ".aot" : ".jsa"))), "no archive named after " + other);
    }

    /**
     * bin/routerlab on JDK 13-21 starts routerlab-app.jar and the shaded jar by -cp: no manifest is
     * read, so none of its Add-Opens, which JDK 17's launcher applies with its first lambdas before
     * main (≈ 5 ms of a launch, BENCHMARKS "Launch, 2026-12-07 evening"). No lambda at all, the JDK's
     * included, is linked before the first prompt, and no class is spun; ESP's engine opens SunJCE
     * itself there (GcmEngineTest).
     */
    @Test
    void noLambdaAtAllBeforeTheFirstPromptByCp() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(FEATURE < 22, "JDK 22-23 start the launch jar; on 24+ the AOT cache loads all it holds, lambdas included, before main");
        Path jar = emptyJar(dir.resolve("routerlab.jar"));   // no classes: a launch from it would fail
        jarOfClasses(dir.resolve("routerlab-app.jar"));
        for (String run : List.of("the run that makes the archive", "a run from the archive")) {
            List<String> spun = new ArrayList<>();
            for (String line : beforeThePrompt(launcher(jar, "-Xlog:class+load"))) {
                if (line.contains("$$Lambda") || line.contains("__JVM_LookupDefineClass__") || line.contains("__Lookup_defineClass__")) spun.add(line);
            }
            assertEquals(List.of(), spun, run + ": lambdas linked or classes spun before the first prompt");
            awaitFile(dir.resolve("routerlab-app-jdk" + FEATURE + ".jsa"));
        }
    }

    /**
     * Nothing of routerlab's links a lambda or method reference before the first prompt (the JVM's
     * class-load log, on standard output with the prompt): on JDK 17 each call site's first link
     * costs ≈ 0.15 ms interpreted, and the 62 a launch linked were ≈ 20 ms of its CPU (BENCHMARKS).
     */
    @Test
    void noLambdaLinkedBeforeTheFirstPrompt() throws Exception {
        List<String> linked = new ArrayList<>();
        for (String line : beforeThePrompt(consoleLoggingClassLoads())) {
            if (line.contains(" dev.routerlab.") && line.contains("$$Lambda")) linked.add(line);
        }
        assertEquals(List.of(), linked, "lambdas linked before the first prompt");
    }

    /**
     * No class of ANTLR's loads before the first prompt: the first would cost the shaded jar's
     * manifest, URL and protection domain, in interpreted code (`Session.Runner`, BENCHMARKS).
     */
    @Test
    void noParserClassBeforeTheFirstPrompt() throws Exception {
        List<String> loaded = new ArrayList<>();
        for (String line : beforeThePrompt(consoleLoggingClassLoads())) {
            if (line.contains(" org.antlr.")) loaded.add(line);
        }
        assertEquals(List.of(), loaded, "ANTLR's classes loaded before the first prompt");
    }

    /**
     * The parser's rule-context classes load as their rules run, not all of them (590) as the
     * parser links: the build hands each rule's context to the runtime through a cast
     * (IosParser.g4's ruleContext, pom.xml), so the verifier checks none against ParserRuleContext.
     */
    @Test
    void parserLinksWithoutLoadingEveryRuleContext() throws Exception {
        Run r = consoleLoggingClassLoads();
        assertEquals(0, r.status(), r.err());
        long contexts = r.out().lines().filter(l -> l.contains(" dev.routerlab.grammar.IosParser$")).count();
        assertTrue(contexts > 0 && contexts < 150, contexts + " rule-context classes loaded for four lines");
    }

    /** `console` from the test's class path, the JVM's class-load log on standard output with the prompt. */
    private static Run consoleLoggingClassLoads() throws Exception {
        return run(List.of(JAVA, "-Xlog:class+load", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "console"));
    }

    /** The lines a console run printed before its first prompt (it ended well and showed one). */
    private static List<String> beforeThePrompt(Run r) {
        assertEquals(0, r.status(), r.err());
        int prompt = r.out().indexOf("Router>");
        assertTrue(prompt > 0, r.out());
        return List.of(r.out().substring(0, prompt).split("\n"));
    }

    private Run launcher(Path jar) throws Exception {
        return launcher(jar, null);
    }

    /** bin/routerlab console over {@code jar}, with {@code RL_JAVA_OPTS} when not null. */
    private Run launcher(Path jar, String javaOpts) throws Exception {
        return launcher(jar, javaOpts, JAVA, System.getenv("PATH"));
    }

    private Run launcher(Path jar, String javaOpts, String java, String path) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", Path.of("bin", "routerlab").toAbsolutePath().toString(), "console");
        pb.environment().put("RL_JAR", jar.toString());
        pb.environment().put("RL_JAVA", java);
        pb.environment().put("PATH", path);
        pb.environment().remove("RL_JAVA_OPTS");
        if (javaOpts != null) pb.environment().put("RL_JAVA_OPTS", javaOpts);
        return run(pb);
    }

    /**
     * A `java` that is a symbolic link (/usr/bin/java and its alternatives) is resolved by readlink
     * once: the file it names is kept in .java-paths beside the jar and found again by `test -ef`,
     * without a fork, by later launches; a line naming another file is passed over.
     */
    @Test
    void symbolicLinkToJavaResolvedOnce() throws Exception {
        Path jar = jarOfClasses(dir.resolve("routerlab.jar"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("java"), Path.of(JAVA));
        String realReadlink = null;
        for (String d : System.getenv("PATH").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "readlink"))) {
                realReadlink = Path.of(d, "readlink").toString();
                break;
            }
        }
        assertTrue(realReadlink != null, "readlink on the PATH");
        Path calls = dir.resolve("readlink-calls");
        Path readlink = bin.resolve("readlink");   // counts its calls, then does what readlink does
        Files.writeString(readlink, "#!/bin/sh\necho call >> '" + calls + "'\nexec '" + realReadlink + "' \"$@\"\n");
        assertTrue(readlink.toFile().setExecutable(true));
        String path = bin + File.pathSeparator + System.getenv("PATH");
        Path paths = dir.resolve(".java-paths");
        String real = Path.of(JAVA).toRealPath().toString();

        Run plain = run(List.of(JAVA, "-jar", jar.toString(), "console"));
        assertEquals(0, plain.status(), plain.err());
        assertEquals(plain, launcher(jar, null, link.toString(), path), "the first launch through the link");
        assertEquals(List.of("call"), Files.readAllLines(calls));
        assertEquals(List.of(real), Files.readAllLines(paths));
        assertEquals(plain, launcher(jar, null, link.toString(), path), "a later launch");
        assertEquals(List.of("call"), Files.readAllLines(calls), "no readlink once the file is known");

        Files.write(paths, List.of(readlink.toString(), real));
        assertEquals(plain, launcher(jar, null, link.toString(), path), "past a line naming another file");
        assertEquals(List.of("call"), Files.readAllLines(calls));
        assertEquals(List.of(readlink.toString(), real), Files.readAllLines(paths));
        Files.delete(link);   // the link only, not the JDK's file it names
    }

    private static Run run(List<String> command) throws Exception {
        return run(new ProcessBuilder(command));
    }

    private static Run run(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(INPUT.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launch ends");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** A jar of a manifest only: routerlab.jar where the launcher must take routerlab-app.jar's classes. */
    private static Path emptyJar(Path jar) throws IOException {
        Manifest empty = new Manifest();
        empty.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), empty)) {
            // no entries
        }
        return jar;
    }

    /** The AOT cache is made in the background after the recording run. */
    private static void awaitFile(Path f) throws InterruptedException {
        for (int i = 0; i < 1200 && !Files.exists(f); i++) Thread.sleep(100);
        assertTrue(Files.exists(f), "archive made: " + f);
    }

    private static void awaitNewerThan(Path f, Path than) throws Exception {
        for (int i = 0; i < 1200 && !(Files.exists(f) && Files.getLastModifiedTime(f).compareTo(Files.getLastModifiedTime(than)) >= 0); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.getLastModifiedTime(f).compareTo(Files.getLastModifiedTime(than)) >= 0, "archive made again");
    }

    /**
     * The main classes as a jar (as the build's routerlab.jar, whose contents the launcher does not
     * care about), the libraries by its manifest's Class-Path: class-data archives hold classes
     * from jars only, not from directories.
     */
    private static Path jarOfClasses(Path jar) throws IOException {
        Path classes = null;
        List<String> libs = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e).toAbsolutePath();
            if (Files.isDirectory(p) && Files.exists(p.resolve("dev/routerlab/Main.class"))) classes = p;
            else if (e.endsWith(".jar")) libs.add(p.toUri().toString());
        }
        assertTrue(classes != null, "main classes on the class path");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", libs));
        Path root = classes;
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m);
             Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(root.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
