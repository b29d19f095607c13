// rolescope_bench: the issue-6 measurements (docs/performance.md). Each benchmark runs at
// 1,000, 10,000 and 100,000 roles on organisations made in-process by rolescope-gen's code,
// once per size, in a temporary directory.
//
// Peak memory: before each benchmark the kernel's high-water mark is reset (Linux
// /proc/self/clear_refs), so peak_MB is the peak while that benchmark ran, including what
// the process already held (base_MB: its inputs, earlier cached models). Where the reset is
// refused, peak_MB is the process-wide peak since start; then run one benchmark per process
// (--benchmark_filter), as tests/bench/run-bench.sh does.
//
// `rolescope_bench --layout-time FILE [--runs N]` only loads FILE and times the layout of it
// (for tests/bench/compare.sh).

#include "core/layout.h"
#include "core/loader.h"
#include "tests/bench/orggenerator.h"
#include "tests/bench/orgwriter.h"

#ifdef ROLESCOPE_BENCH_OVERLAP
#include "core/overlap.h"
#endif
#ifdef ROLESCOPE_BENCH_APP
#include "app/chartscene.h"
#include "app/chartview.h"
#include "app/document.h"
#include "app/modelcache.h"
#include <QApplication>
#include <QImage>
#endif
#ifdef ROLESCOPE_BENCH_EXPORT
#include "app/exporter.h"
#include <QDir>
#include <QFileInfo>
#endif

#include <benchmark/benchmark.h>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace rolescope;
namespace fs = std::filesystem;

constexpr int Sizes[] = {1000, 10000, 100000};

double milliseconds(std::chrono::steady_clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

double statusMegabytes(const char *field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    const size_t length = std::strlen(field);
    while (std::getline(status, line)) {
        if (line.compare(0, length, field) == 0 && line.size() > length && line[length] == ':')
            return std::stod(line.substr(length + 1)) / 1024.0;
    }
    return -1;
}

double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Peak resident memory while one benchmark runs, and the CPU time of all the process's
// threads per iteration (Google Benchmark's CPU time is the main thread's only; the loader
// parses on several threads).
class PeakMemory
{
public:
    PeakMemory()
    {
        std::ofstream clear("/proc/self/clear_refs");
        m_reset = bool(clear << "5" << std::flush);
        m_base = statusMegabytes("VmRSS");
        m_cpuStart = processCpuSeconds();
    }

    void report(benchmark::State &state) const
    {
        if (state.iterations() > 0) {
            state.counters["all_threads_cpu_ms"] = (processCpuSeconds() - m_cpuStart) * 1000
                                                   / double(state.iterations());
        }
        double peak = statusMegabytes("VmHWM");
        if (peak < 0) {
            rusage usage{};
            getrusage(RUSAGE_SELF, &usage);
            peak = double(usage.ru_maxrss) / 1024.0;
        }
        state.counters["peak_MB"] = peak;
        state.counters["base_MB"] = m_base;
        if (!m_reset)
            state.SetLabel("peak_MB: process-wide peak since start");
    }

private:
    bool m_reset = false;
    double m_base = 0;
    double m_cpuStart = 0;
};

// The generated organisations and their YAML files, made once per size and kept.
class Inputs
{
public:
    static Inputs &instance()
    {
        static Inputs inputs;
        return inputs;
    }

    ~Inputs()
    {
        std::error_code ignored;
        if (!m_dir.empty())
            fs::remove_all(m_dir, ignored);
    }

    const Model &model(int roles)
    {
        auto &model = m_models[roles];
        if (!model)
            model = std::make_unique<Model>(bench::generateOrg({roles, 1}));
        return *model;
    }

    // The YAML file of the organisation; the model written is not kept unless it was already.
    const std::string &yamlPath(int roles)
    {
        std::string &path = m_yaml[roles];
        if (path.empty()) {
            path = (directory() / ("org-" + std::to_string(roles) + ".yaml")).string();
            if (m_models.contains(roles)) {
                bench::writeModelFile(*m_models[roles], path, bench::writeYaml);
            } else {
                bench::writeModelFile(bench::generateOrg({roles, 1}), path, bench::writeYaml);
                malloc_trim(0); // so the next benchmark's base memory is not the generator's
            }
        }
        return path;
    }

    const fs::path &directory()
    {
        if (m_dir.empty()) {
            m_dir = fs::temp_directory_path() / ("rolescope-bench-" + std::to_string(getpid()));
            fs::create_directories(m_dir);
        }
        return m_dir;
    }

private:
    fs::path m_dir;
    std::map<int, std::unique_ptr<Model>> m_models;
    std::map<int, std::string> m_yaml;
};

int rolesOf(const benchmark::State &state)
{
    return int(state.range(0));
}

void setRoleCounters(benchmark::State &state)
{
    state.counters["roles"] = double(rolesOf(state));
    state.counters["roles_per_s"] = benchmark::Counter(double(rolesOf(state)),
                                                       benchmark::Counter::kIsIterationInvariantRate);
}

void loadAndValidate(benchmark::State &state)
{
    const std::string &path = Inputs::instance().yamlPath(rolesOf(state));
    const PeakMemory memory;
    for (auto _ : state) {
        LoadResult result = loadModelFromFile(path);
        if (!result.ok()) {
            state.SkipWithError("the generated model did not load");
            break;
        }
        benchmark::DoNotOptimize(result.model->roleCount());
    }
    memory.report(state);
    setRoleCounters(state);
    state.counters["file_MB"] = double(fs::file_size(path)) / 1e6;
}

void layout(benchmark::State &state)
{
    const Model &model = Inputs::instance().model(rolesOf(state));
    const PeakMemory memory;
    for (auto _ : state) {
        Layout result = computeLayout(model);
        benchmark::DoNotOptimize(result.bounds.width);
    }
    memory.report(state);
    setRoleCounters(state);
}

#ifdef ROLESCOPE_BENCH_OVERLAP
// Bytes allocated and not freed, in the heap and in blocks mapped on their own.
double heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return double(info.uordblks) + double(info.hblkhd);
}

// The whole analysis, or with ONE_ROLE what the window's "who else does what I do" and a
// comparison need: the overlaps of one role (the one halfway through the model) with all others.
// With READ_BACK, the duties' terms come from an earlier run (OverlapOptions::preparedDuties),
// as they do for a file reopened unchanged.
void overlapDetection(benchmark::State &state, bool oneRole, bool readBack = false)
{
    const Model &model = Inputs::instance().model(rolesOf(state));
    OverlapOptions options;
    if (oneRole)
        options.roles = {model.roleCount() / 2};
    std::string prepared;
    if (readBack) {
        options.preparedDutiesOut = &prepared;
        findOverlaps(model, options);
        options.preparedDutiesOut = nullptr;
        options.preparedDuties = prepared;
        state.counters["prepared_MB"] = double(prepared.size()) / 1e6;
    }
    const PeakMemory memory;
    size_t overlaps = 0;
    size_t rolePairs = 0;
    size_t generic = 0;
    double resultMegabytes = 0;
    for (auto _ : state) {
        const double heldBefore = heapInUse();
        OverlapResult result = findOverlaps(model, options);
        resultMegabytes = (heapInUse() - heldBefore) / 1e6;
        overlaps = result.overlaps.size();
        rolePairs = result.rolePairs.size();
        generic = result.genericDuties.size();
    }
    memory.report(state);
    setRoleCounters(state);
    // What the window holds while it shows the result.
    state.counters["result_MB"] = resultMegabytes;
    state.counters["overlaps"] = double(overlaps);
    state.counters["role_pairs"] = double(rolePairs);
    state.counters["generic_duties"] = double(generic);
}

// The window's Who Else after the first role: the model is indexed once (OverlapIndex), and
// each iteration asks it for the overlaps of another role.
void overlapIndexQuery(benchmark::State &state)
{
    const Model &model = Inputs::instance().model(rolesOf(state));
    OverlapIndex index(model, {});
    const PeakMemory memory;
    RoleIndex role = model.roleCount() / 2;
    size_t overlaps = 0;
    for (auto _ : state) {
        overlaps += index.find({role}).overlaps.size();
        role = (role + 7919) % model.roleCount();
    }
    memory.report(state);
    setRoleCounters(state);
    state.counters["overlaps_per_query"] = double(overlaps) / double(state.iterations());
}

// What a comparison and Who Else read of the whole result once it is there (the window after
// Find Overlaps): the positions of each role's overlaps (OverlapsByRole) are made once, then
// each iteration takes the overlaps between two roles of one role pair and the scores of every
// role against one of them. scan_ms is that score read by going through every role pair.
void overlapsByRole(benchmark::State &state)
{
    const Model &model = Inputs::instance().model(rolesOf(state));
    const OverlapResult whole = findOverlaps(model, {});
    const PeakMemory memory;
    const double heldBefore = heapInUse();
    auto start = std::chrono::steady_clock::now();
    const OverlapsByRole byRole(model, whole);
    state.counters["index_ms"] = milliseconds(std::chrono::steady_clock::now() - start);
    state.counters["index_MB"] = (heapInUse() - heldBefore) / 1e6;
    start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(rolePairScoresAgainst(whole, whole.rolePairs[0].a, model.roleCount()));
    state.counters["scan_ms"] = milliseconds(std::chrono::steady_clock::now() - start);
    size_t pair = 0;
    for (auto _ : state) {
        const RolePairOverlap &p = whole.rolePairs[pair];
        benchmark::DoNotOptimize(byRole.among(model, whole, {p.a, p.b}));
        benchmark::DoNotOptimize(byRole.scoresAgainst(model, whole, p.a));
        pair = (pair + 7919) % whole.rolePairs.size();
    }
    memory.report(state);
    setRoleCounters(state);
}
#endif

#ifdef ROLESCOPE_BENCH_APP
// Opening an unchanged file again: the ModelCache answers with the model it kept at the first
// open (read, hash, decode; no YAML parse). The first open costs load_validate and the writing
// of the entry.
void reopenCached(benchmark::State &state)
{
    const std::string &path = Inputs::instance().yamlPath(rolesOf(state));
    const fs::path directory = fs::temp_directory_path()
                               / ("rolescope-bench-cache-" + std::to_string(getpid()));
    const ModelCache cache(QString::fromStdString(directory.string()));
    const QString file = QString::fromStdString(path);
    cache.load(file);
    const PeakMemory memory;
    for (auto _ : state) {
        LoadResult result = cache.load(file);
        if (!result.ok() || !cache.lastLoadWasCached()) {
            state.SkipWithError("the model was not kept");
            break;
        }
        benchmark::DoNotOptimize(result.model->roleCount());
    }
    memory.report(state);
    setRoleCounters(state);
    std::error_code error;
    double entryBytes = 0;
    for (const fs::directory_entry &entry : fs::directory_iterator(directory, error))
        entryBytes += double(entry.file_size());
    state.counters["entry_MB"] = entryBytes / 1e6;
    fs::remove_all(directory, error);
}

// The document taking the model (its indexes and search) as the window does on open.
void documentOpen(benchmark::State &state)
{
    const Model &model = Inputs::instance().model(rolesOf(state));
    const PeakMemory memory;
    for (auto _ : state) {
        state.PauseTiming();
        auto document = std::make_unique<Document>();
        Model copy = model;
        state.ResumeTiming();
        document->setModel(std::move(copy), QStringLiteral("org.yaml"));
        state.PauseTiming();
        document.reset();
        state.ResumeTiming();
    }
    memory.report(state);
    setRoleCounters(state);
}

// The chart scene of a freshly opened document: as the window first shows it (EXPANDED
// false: the document decides what is collapsed) or with every role shown.
void sceneBuild(benchmark::State &state, bool expanded)
{
    const Model &model = Inputs::instance().model(rolesOf(state));
    Document document;
    document.setModel(model, QStringLiteral("org.yaml"));
    if (expanded)
        document.expandAll();
    const PeakMemory memory;
    int shown = 0;
    for (auto _ : state) {
        auto scene = std::make_unique<ChartScene>(&document);
        shown = int(scene->layout().shown.size());
        state.PauseTiming();
        // The window indexes new items at its next frame; a scene torn down before that
        // removes each from a plain list, which at 100,000 cards takes seconds.
        QCoreApplication::processEvents();
        scene.reset();
        state.ResumeTiming();
    }
    memory.report(state);
    setRoleCounters(state);
    state.counters["cards_shown"] = shown;
}

// What a click costs on a fully expanded chart: collapsing or expanding one card lays the
// chart out again and regroups the cards, whose items are made again only as they come into
// view; the scene indexes the groups before the next frame (done here by the event loop, as
// in the window).
void sceneRelayout(benchmark::State &state)
{
    const Model &model = Inputs::instance().model(rolesOf(state));
    Document document;
    document.setModel(model, QStringLiteral("org.yaml"));
    document.expandAll();
    ChartScene scene(&document);
    QCoreApplication::processEvents();
    const PeakMemory memory;
    for (auto _ : state) {
        scene.setLayoutOptions(scene.layoutOptions());
        QCoreApplication::processEvents();
    }
    memory.report(state);
    setRoleCounters(state);
    state.counters["cards_shown"] = double(scene.layout().shown.size());
}

// One frame of the chart view (1600 x 1000 px, as the window paints it) at a zoom level:
// 0 fits the whole chart, as zoomed out as anyone gets. The view looks at the middle of the
// chart's lowest level, where the cards are densest.
void viewFrame(benchmark::State &state, bool expanded, double zoom)
{
    const Model &model = Inputs::instance().model(rolesOf(state));
    Document document;
    document.setModel(model, QStringLiteral("org.yaml"));
    if (expanded)
        document.expandAll();
    ChartScene scene(&document);
    ChartView view(&scene);
    view.resize(1600, 1000);
    QImage frame(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    if (zoom > 0) {
        view.setZoom(zoom);
        const QRectF chart = scene.sceneRect();
        view.centerOn(chart.center().x(), chart.bottom() - 200);
    } else {
        view.zoomToFit();
    }
    const PeakMemory memory;
    // The first frame also indexes the scene's items; the window shows it once per layout.
    const auto start = std::chrono::steady_clock::now();
    QCoreApplication::processEvents();
    view.viewport()->render(&frame);
    const double firstFrameMs = milliseconds(std::chrono::steady_clock::now() - start);
    for (auto _ : state)
        view.viewport()->render(&frame);
    state.counters["first_frame_ms"] = firstFrameMs;
    memory.report(state);
    setRoleCounters(state);
    state.counters["cards_shown"] = double(scene.layout().shown.size());
    state.counters["zoom"] = view.transform().m11();
}
#endif

#ifdef ROLESCOPE_BENCH_EXPORT
// The whole chart, laid out and written as `rolescope export` writes it (PDF as with
// --fit-page). No SVG: the exporter refuses SVGs wider than 32,767 px, which every whole
// chart from 1,000 roles up is.
void exportChart(benchmark::State &state, ExportFormat format)
{
    const Model &model = Inputs::instance().model(rolesOf(state));
    const QString path = QDir(QString::fromStdString(Inputs::instance().directory().string()))
                             .filePath(QStringLiteral("chart.") + exportFormatExtension(format));
    const PeakMemory memory;
    ExportPlan plan;
    for (auto _ : state) {
        ExportSettings settings;
        settings.format = format;
        // Split into pages, a whole chart passes the exporter's page limit.
        settings.fitToPage = true;
        Exporter exporter(ExportChart::laidOut(model, LayoutOptions{}, LayoutScope{}), settings);
        plan = exporter.plan();
        if (!exporter.plan().isPossible() || !exporter.write(path)) {
            state.SkipWithError(("export failed: " + exporter.plan().problem
                                 + exporter.errorString()).toStdString().c_str());
            break;
        }
    }
    memory.report(state);
    setRoleCounters(state);
    if (format == ExportFormat::Pdf) {
        state.counters["pages"] = plan.pageCount();
    } else {
        state.counters["width_px"] = double(plan.width);
        state.counters["height_px"] = double(plan.height);
    }
    state.counters["file_MB"] = double(QFileInfo(path).size()) / 1e6;
}
#endif

// Registers FN at every size; from SLOWFROM roles up it runs one iteration so that a full run
// takes minutes (SLOWFROM 0: five below 100,000 roles, for benchmarks with costly set-up).
template<typename Fn>
void registerSizes(const char *name, Fn fn, int slowFrom,
                   std::vector<int> sizes = {std::begin(Sizes), std::end(Sizes)})
{
    for (int roles : sizes) {
        auto *b = benchmark::RegisterBenchmark(name, fn)->Arg(roles)->Unit(
            benchmark::kMillisecond);
        if (roles >= slowFrom)
            b->Iterations(slowFrom == 0 && roles < 100000 ? 5 : 1);
    }
}

void registerBenchmarks()
{
    registerSizes("load_validate", loadAndValidate, 100000);
    registerSizes("layout", layout, 1000000);
#ifdef ROLESCOPE_BENCH_OVERLAP
    registerSizes("overlaps", [](benchmark::State &s) { overlapDetection(s, false); }, 100000);
    registerSizes("overlaps_one_role", [](benchmark::State &s) { overlapDetection(s, true); },
                  100000);
    registerSizes("overlaps_one_role_read_back",
                  [](benchmark::State &s) { overlapDetection(s, true, true); }, 100000);
    registerSizes("overlaps_index_query", overlapIndexQuery, 1000000);
    registerSizes("overlaps_by_role", overlapsByRole, 1000000);
#endif
#ifdef ROLESCOPE_BENCH_APP
    // A 1,000-role file is below ModelCache::MinimumFileBytes: it is always parsed.
    registerSizes("reopen_cached", reopenCached, 100000, {10000, 100000});
    // Copying the model in for each iteration costs more than the open itself: few iterations.
    registerSizes("document_open", documentOpen, 0);
    registerSizes("scene_open", [](benchmark::State &s) { sceneBuild(s, false); }, 100000);
    registerSizes("scene_expanded", [](benchmark::State &s) { sceneBuild(s, true); }, 100000);
    registerSizes("scene_relayout", sceneRelayout, 100000);
    for (const bool expanded : {false, true}) {
        for (const double zoom : {0.0, 0.002, 0.005, 0.01, 0.02, 0.05, 0.12, 0.35, 1.0}) {
            const std::string name = std::string(expanded ? "view_frame_expanded" : "view_frame_opened")
                                     + (zoom > 0 ? "_zoom" + std::to_string(zoom).substr(0, 5) : "_fit");
            benchmark::RegisterBenchmark(name.c_str(), [expanded, zoom](benchmark::State &s) {
                viewFrame(s, expanded, zoom);
            })->Arg(100000)->Unit(benchmark::kMillisecond);
        }
    }
#endif
#ifdef ROLESCOPE_BENCH_EXPORT
    registerSizes("export_png", [](benchmark::State &s) { exportChart(s, ExportFormat::Png); },
                  10000, {1000, 10000});
    registerSizes("export_pdf", [](benchmark::State &s) { exportChart(s, ExportFormat::Pdf); },
                  10000, {1000, 10000});
#endif
}

// Loads FILE, then times computeLayout alone: one warm-up run, then RUNS runs; prints the
// median and the fastest, with the product's options and as a plain tidy tree (no compact
// stacking of leaf teams), which is what d3.tree() computes.
int layoutTime(const std::string &file, int runs)
{
    const auto loadStart = std::chrono::steady_clock::now();
    LoadResult result = loadModelFromFile(file);
    const double loadMs = milliseconds(std::chrono::steady_clock::now() - loadStart);
    if (!result.ok()) {
        std::fprintf(stderr, "rolescope_bench: %s did not load\n", file.c_str());
        return 1;
    }
    std::printf("roles=%d load_ms=%.1f\n", result.model->roleCount(), loadMs);
    for (const bool compact : {true, false}) {
        LayoutOptions options;
        options.compact = compact;
        std::vector<double> times;
        double width = 0;
        double height = 0;
        for (int i = 0; i <= runs; ++i) {
            const auto start = std::chrono::steady_clock::now();
            const Layout layout = computeLayout(*result.model, options);
            const double ms = milliseconds(std::chrono::steady_clock::now() - start);
            width = layout.bounds.width;
            height = layout.bounds.height;
            if (i > 0)
                times.push_back(ms);
        }
        std::sort(times.begin(), times.end());
        std::printf("layout options=%s median_ms=%.3f min_ms=%.3f runs=%d width_px=%.0f "
                    "height_px=%.0f\n",
                    compact ? "default" : "plain-tidy", times[times.size() / 2], times.front(),
                    runs, width, height);
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 3 && std::strcmp(argv[1], "--layout-time") == 0) {
        const int runs = argc >= 5 && std::strcmp(argv[3], "--runs") == 0 ? std::atoi(argv[4])
                                                                            : 11;
        return layoutTime(argv[2], std::max(runs, 1));
    }
    benchmark::Initialize(&argc, argv);
#ifdef ROLESCOPE_BENCH_APP
    // Scenes and exports need a GUI application but never a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
#endif
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    registerBenchmarks();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
