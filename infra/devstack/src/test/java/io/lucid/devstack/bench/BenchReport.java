package io.lucid.devstack.bench;

import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The one place benchmark figures are reported: a run records the machine, the commit, the load average before and
 * after, and for each measured phase its rate, its latency percentiles (HdrHistogram) and the CPU per operation of
 * every process of the stack (from {@code /proc}); comparisons put one of our figures beside its peer or ceiling
 * measured in the same run, as a ratio. {@link #finish()} prints the run as Markdown tables, appends them to the
 * results file ({@code -Dlucid.bench.results}, default {@code <data>/bench-results.md}) and draws PNG plots into
 * {@code -Dlucid.bench.plots} (default {@code docs/bench}).
 *
 * <p>{@code ./lucid bench} opens the run ({@link Bench}); a benchmark adds to {@link #current()}; a benchmark that adds
 * nothing still gets a row with its processes' CPU over the whole run.
 */
final class BenchReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static BenchReport current;

    /** One measured phase: operations, wall time, latencies (or none), CPU per operation by process (us). */
    record Row(String measure, long operations, double seconds, String unit, Latency latency,
            Map<String, Long> cpuPerOp) {

        double rate() {
            return operations / seconds;
        }
    }

    /** One of our figures beside its peer or ceiling; the ratio is ours / peer. */
    record Comparison(String target, String ours, double oursValue, String peer, double peerValue, String unit) {

        double ratio() {
            return oursValue / peerValue;
        }
    }

    /** A phase being measured: started by {@link #begin}, recorded by {@link #end}. */
    final class Phase {
        private final String measure;
        private final long start = System.nanoTime();
        private final Map<String, Duration> cpu;

        private Phase(String measure) {
            this.measure = measure;
            this.cpu = readCpu();
        }

        /** Records the phase: {@code operations} of {@code unit} (e.g. "proofs"), with their latencies or null. */
        Row end(long operations, String unit, Latency latency) {
            return end(operations, unit, latency, (System.nanoTime() - start) / 1e9);
        }

        /** As {@link #end(long, String, Latency)}, with the seconds a tool measured itself (without its start). */
        Row end(long operations, String unit, Latency latency, double seconds) {
            return add(measure, operations, seconds, unit, latency,
                    StackCpu.perOperation(cpu, readCpu(), operations));
        }
    }

    private final String name;
    private final String command;
    private final Instant started = Instant.now();
    private final String loadBefore = Machine.loadAverage();
    private final String commit = Machine.commit();
    private final Path data = Path.of(System.getProperty("lucid.data", ".lucid"));
    private final Map<String, Duration> cpuAtStart;
    private final List<Row> rows = new ArrayList<>();
    private final List<Comparison> comparisons = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean finished;

    private BenchReport(String name, String command) {
        this.name = name;
        this.command = command;
        this.cpuAtStart = readCpu();
        System.out.printf("%s: commit %s; %s; load average before: %s%n", command, commit, Machine.describe(), loadBefore);
    }

    /** Opens the run of benchmark {@code name} (its figures are reported when the JVM ends, if not before). */
    static synchronized BenchReport start(String name, String... args) {
        if (current == null) {
            current = new BenchReport(name, ("./lucid bench " + name + " " + String.join(" ", args)).trim());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> current.finish(), "bench-report"));
        }
        return current;
    }

    /** The open run; a benchmark started without {@code ./lucid bench} opens one named after its class. */
    static synchronized BenchReport current() {
        if (current == null) {
            String caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass()
                    .getSimpleName();
            return start(caller);
        }
        return current;
    }

    Phase begin(String measure) {
        return new Phase(measure);
    }

    /** A row measured elsewhere (a tool's own figures); CPU per operation by process in microseconds. */
    synchronized Row add(String measure, long operations, double seconds, String unit, Latency latency,
            Map<String, Long> cpuPerOp) {
        Row row = new Row(measure, operations, seconds, unit, latency, cpuPerOp);
        rows.add(row);
        System.out.printf("  %s: %s%n", measure, describe(row));
        return row;
    }

    /** Our rate against a peer's or ceiling's rate, both rows of this run. */
    void compare(String target, Row ours, Row peer) {
        compare(target, ours.measure(), ours.rate(), peer.measure(), peer.rate(), ours.unit() + "/s");
    }

    synchronized void compare(String target, String ours, double oursValue, String peer, double peerValue, String unit) {
        Comparison comparison = new Comparison(target, ours, oursValue, peer, peerValue, unit);
        comparisons.add(comparison);
        System.out.printf("  %s: ours %.1f %s vs %.1f %s = %.2f%n", target, oursValue, unit, peerValue, unit,
                comparison.ratio());
    }

    synchronized void note(String note) {
        notes.add(note);
        System.out.println("  note: " + note);
    }

    /**
     * Ends a benchmark program: reports the open run, then exits. A program exits (its clients leave non-daemon
     * threads behind); reporting first keeps the plots out of the shutdown hook, where the chart library can no
     * longer register hooks of its own.
     */
    static void exit(int status) {
        BenchReport open;
        synchronized (BenchReport.class) {
            open = current;
        }
        if (open != null) {
            open.finish();
        }
        System.exit(status);
    }

    /** Prints the run as Markdown, appends it to the results file and draws the plots; once. */
    synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (rows.isEmpty()) {
            // A benchmark that reports its own figures: the CPU of each process over the whole run, in us.
            rows.add(new Row("whole run (CPU is the run's total)", 1,
                    Duration.between(started, Instant.now()).toNanos() / 1e9, "run", null,
                    StackCpu.perOperation(cpuAtStart, readCpu(), 1)));
        }
        String markdown = markdown(Machine.loadAverage());
        System.out.println();
        System.out.println(markdown);
        try {
            Path results = Path.of(System.getProperty("lucid.bench.results", data.resolve("bench-results.md").toString()));
            Files.createDirectories(results.toAbsolutePath().getParent());
            Files.writeString(results, markdown + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("appended to " + results);
            plot(Path.of(System.getProperty("lucid.bench.plots", "docs/bench")));
        } catch (IOException | RuntimeException | Error e) {
            // A missing font or a read-only checkout loses the file or the plots, never the printed figures.
            System.out.println("could not write the results file or plots: " + e);
        }
    }

    String markdown(String loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append("#### ").append(name).append(", ").append(WHEN.format(started)).append("\n\n");
        md.append("`").append(command).append("` at commit `").append(commit).append("`; ").append(Machine.describe())
                .append("; load average before `").append(loadBefore).append("`, after `").append(loadAfter)
                .append("`\n\n");
        md.append("| measure | operations | rate | p50 ms | p99 ms | p99.9 ms | CPU per op, stack (us) | by process (us) |"
                + " client (us) |\n|---|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (Row row : rows) {
            Latency l = row.latency();
            md.append(String.format(Locale.ROOT, "| %s | %,d %s | %,.0f/s | %s | %s | %s | %,d | %s | %,d |%n",
                    row.measure(), row.operations(), row.unit(), row.rate(), ms(l, 50), ms(l, 99), ms(l, 99.9),
                    StackCpu.stackTotal(row.cpuPerOp()), byProcess(row.cpuPerOp()),
                    row.cpuPerOp().getOrDefault(StackCpu.CLIENT, 0L) + row.cpuPerOp().getOrDefault(StackCpu.TOOLS, 0L)));
        }
        if (!comparisons.isEmpty()) {
            md.append("\n| target | ours | peer or ceiling | ratio |\n|---|---|---|---:|\n");
            for (Comparison c : comparisons) {
                md.append(String.format(Locale.ROOT, "| %s | %s: %,.1f %s | %s: %,.1f %s | %.2f |%n", c.target(),
                        c.ours(), c.oursValue(), c.unit(), c.peer(), c.peerValue(), c.unit(), c.ratio()));
            }
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private static String ms(Latency latency, double p) {
        return latency == null || latency.count() == 0 ? "" : String.format(Locale.ROOT, "%.2f", latency.percentileMs(p));
    }

    private static String byProcess(Map<String, Long> cpu) {
        StringBuilder s = new StringBuilder();
        cpu.forEach((process, us) -> {
            if (!process.equals(StackCpu.CLIENT) && !process.equals(StackCpu.TOOLS)) {
                s.append(s.length() == 0 ? "" : ", ").append(process).append(' ').append(us);
            }
        });
        return s.toString();
    }

    private static String describe(Row row) {
        Latency l = row.latency();
        return String.format(Locale.ROOT, "%,d %s in %.1f s = %,.0f/s%s; CPU per op: stack %d us (%s), client %d us",
                row.operations(), row.unit(), row.seconds(), row.rate(),
                l == null || l.count() == 0 ? "" : String.format(Locale.ROOT, ", p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms",
                        l.percentileMs(50), l.percentileMs(99), l.percentileMs(99.9)),
                StackCpu.stackTotal(row.cpuPerOp()), byProcess(row.cpuPerOp()),
                row.cpuPerOp().getOrDefault(StackCpu.CLIENT, 0L) + row.cpuPerOp().getOrDefault(StackCpu.TOOLS, 0L));
    }

    private Map<String, Duration> readCpu() {
        try {
            return StackCpu.read(data);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** {@code <name>-cpu.png}: CPU per operation by process; {@code -latency.png}; {@code -ratios.png}. */
    private void plot(Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        DefaultCategoryDataset cpu = new DefaultCategoryDataset();
        Set<String> processes = new LinkedHashSet<>();
        rows.forEach(r -> processes.addAll(r.cpuPerOp().keySet()));
        for (int i = 0; i < rows.size(); i++) {
            for (String process : processes) {
                cpu.addValue(rows.get(i).cpuPerOp().getOrDefault(process, 0L), process, label(i, rows.get(i).measure()));
            }
        }
        JFreeChart cpuChart = ChartFactory.createStackedBarChart(name + ": CPU per operation", null, "us of CPU per op",
                cpu, PlotOrientation.HORIZONTAL, true, false, false);
        save(cpuChart, dir.resolve(name + "-cpu.png").toFile(), 120 + 60 * rows.size());

        XYSeriesCollection curves = new XYSeriesCollection();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.latency() != null && row.latency().count() > 0) {
                XYSeries series = new XYSeries(label(i, row.measure()), false);
                for (double[] point : row.latency().curve()) {
                    // x: the "nines" (1 / (1 - p)), so p99 and p99.9 get room; p0 sits at 1
                    series.add(1 / (1 - Math.min(point[0], 99.99) / 100), Math.max(point[1], 0.001));
                }
                curves.addSeries(series);
            }
        }
        if (curves.getSeriesCount() > 0) {
            JFreeChart latency = ChartFactory.createXYLineChart(name + ": latency by percentile",
                    "percentile (1/(1-p): 2 = p50, 100 = p99, 1000 = p99.9)", "ms", curves, PlotOrientation.VERTICAL,
                    true, false, false);
            XYPlot plot = latency.getXYPlot();
            plot.setDomainAxis(new LogAxis(plot.getDomainAxis().getLabel()));
            plot.setRangeAxis(new LogAxis("ms"));
            save(latency, dir.resolve(name + "-latency.png").toFile(), 420);
        }
        if (!comparisons.isEmpty()) {
            DefaultCategoryDataset ratios = new DefaultCategoryDataset();
            for (int i = 0; i < comparisons.size(); i++) {
                ratios.addValue(comparisons.get(i).ratio(), "ours / peer or ceiling", label(i, comparisons.get(i).target()));
            }
            JFreeChart chart = ChartFactory.createBarChart(name + ": our figure as a ratio of its peer or ceiling", null,
                    "ratio", ratios, PlotOrientation.HORIZONTAL, false, false, false);
            save(chart, dir.resolve(name + "-ratios.png").toFile(), 120 + 50 * comparisons.size());
        }
        System.out.println("plots in " + dir);
    }

    /** A chart key: numbered, since two measures may share the first 60 characters the chart has room for. */
    private static String label(int index, String text) {
        String key = (index + 1) + ". " + text;
        return key.length() <= 64 ? key : key.substring(0, 61) + "...";
    }

    private static void save(JFreeChart chart, File file, int height) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof CategoryPlot plot) {
            // Measures are sentences: give their labels up to half the width instead of a third.
            plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.5f);
        }
        ChartUtils.saveChartAsPNG(file, chart, 900, Math.max(300, height));
    }
}
