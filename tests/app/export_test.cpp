#include "app/builtinmodel.h"
#include "app/chartscene.h"
#include "app/comparisonview.h"
#include "app/document.h"
#include "app/exportdialog.h"
#include "app/exporter.h"
#include "app/overlapanalysis.h"
#include "core/loader.h"

#include "testmodels.h"
#include "testprocess.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QPainter>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <csignal>
#include <sys/resource.h>

using namespace rolescope;
using rolescope::testing::branchLedgersYaml;
using rolescope::testing::ProcessOptions;
using rolescope::testing::ProcessResult;

namespace {

// Three departments with known colours; the CEO has no department (grey band).
constexpr const char *OrgYaml = R"(organization:
  name: Export Test Co
departments:
  - id: ops
    name: Operations
    color: "#c03030"
  - id: it
    name: Information Technology
    color: "#2060c0"
roles:
  - id: ceo
    title: Chief Executive
    holders: [Ana Lima]
    responsibilities: [Run the company]
  - id: coo
    title: Operations Director
    reports_to: ceo
    department: ops
    responsibilities: [Run the plants, Plan the maintenance]
  - id: cio
    title: Technology Director
    reports_to: ceo
    department: it
    responsibilities: [Run the network, Plan the maintenance]
  - id: plant
    title: Plant Manager
    reports_to: coo
    department: ops
    responsibilities: [Run the plant]
)";

Model loadModel(const QByteArray &yaml)
{
    const std::string bytes = yaml.toStdString();
    LoadResult result = loadModelFromBytes(bytes);
    EXPECT_TRUE(result.model.has_value())
        << (result.diagnostics.empty() ? std::string() : result.diagnostics.front().message);
    return result.model ? std::move(*result.model) : Model();
}

// A forest of COUNT top roles side by side: a chart as wide as needed.
QByteArray wideOrgYaml(int count)
{
    QByteArray yaml = "organization:\n  name: Wide\nroles:\n";
    for (int i = 0; i < count; ++i)
        yaml += "  - id: r" + QByteArray::number(i) + "\n    title: Role " + QByteArray::number(i) + "\n";
    return yaml;
}

// A tree with BREADTH reports per manager, LEVELS deep below the top.
QByteArray treeOrgYaml(int breadth, int levels)
{
    QByteArray yaml = "organization:\n  name: Tree\nroles:\n  - id: r0\n    title: Top\n";
    int next = 1;
    std::vector<int> level = {0};
    for (int depth = 0; depth < levels; ++depth) {
        std::vector<int> below;
        for (int manager : level) {
            for (int i = 0; i < breadth; ++i) {
                yaml += "  - id: r" + QByteArray::number(next) + "\n    title: Role number "
                        + QByteArray::number(next) + "\n    reports_to: r"
                        + QByteArray::number(manager) + "\n";
                below.push_back(next++);
            }
        }
        level = below;
    }
    return yaml;
}

QImage readImage(const QString &path)
{
    QImageReader::setAllocationLimit(4096); // MB: the big images of these tests
    QImageReader reader(path);
    QImage image = reader.read();
    EXPECT_FALSE(image.isNull()) << qPrintable(reader.errorString());
    return image;
}

QRectF cardOnCanvas(const Exporter &exporter, RoleIndex role, double scale)
{
    const LayoutRect &card = exporter.chart().layout.cards[static_cast<size_t>(role)];
    const QPointF topLeft = exporter.toCanvas(QPointF(card.x, card.y)) * scale;
    return QRectF(topLeft, QSizeF(card.width, card.height) * scale);
}

bool isWhite(QRgb pixel)
{
    return qRed(pixel) > 250 && qGreen(pixel) > 250 && qBlue(pixel) > 250;
}

int darkPixels(const QImage &image, const QRect &area)
{
    int dark = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            if (qGray(image.pixel(x, y)) < 100)
                ++dark;
        }
    }
    return dark;
}

int pdfPageCount(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QString pdf = QString::fromLatin1(file.readAll());
    // Page objects, not the /Pages tree nodes.
    return int(pdf.count(QRegularExpression(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"))));
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(data);
}

// Runs the real program with no display at all, as a batch job on a server would.
ProcessResult runRolescope(const QStringList &arguments, const std::function<void()> &childSetup = {})
{
    ProcessOptions options;
    options.withoutDisplay = true;
    options.childSetup = childSetup;
    return rolescope::testing::runRolescope(arguments, options);
}

class ExportTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_model = loadModel(OrgYaml);
    }

    QString path(const QString &name) const { return m_dir.filePath(name); }

    Exporter exporter(ExportSettings settings = {}) const
    {
        return Exporter(ExportChart::laidOut(m_model, {}, {}), settings);
    }

    QTemporaryDir m_dir;
    Model m_model;
};

} // namespace

TEST_F(ExportTest, PngHasTheSizeOfTheChartTimesTheScale)
{
    QSize sizeAtOne;
    for (const double scale : {1.0, 2.0}) {
        ExportSettings settings;
        settings.scale = scale;
        Exporter chart = exporter(settings);
        const QString file = path(QStringLiteral("chart-%1.png").arg(scale));
        ASSERT_TRUE(chart.write(file)) << qPrintable(chart.errorString());
        const QImage image = readImage(file);
        // The whole layout plus the margin on both sides, times the scale.
        const LayoutRect &bounds = chart.chart().layout.bounds;
        EXPECT_GE(image.width(), (bounds.width + 2 * settings.margin) * scale);
        EXPECT_GE(image.height(), (bounds.height + 2 * settings.margin) * scale);
        EXPECT_EQ(image.width(), chart.plan().width);
        EXPECT_EQ(image.height(), chart.plan().height);
        EXPECT_FALSE(image.hasAlphaChannel());
        if (scale == 1)
            sizeAtOne = image.size();
        else
            EXPECT_NEAR(image.width(), 2 * sizeAtOne.width(), 1);
    }
}

TEST_F(ExportTest, PngShowsEveryCardWhereTheLayoutPutsIt)
{
    for (const double scale : {1.0, 2.0}) {
        ExportSettings settings;
        settings.scale = scale;
        Exporter chart = exporter(settings);
        const QString file = path(QStringLiteral("cards-%1.png").arg(scale));
        ASSERT_TRUE(chart.write(file)) << qPrintable(chart.errorString());
        const QImage image = readImage(file);

        // Each card's top band is its department's colour (the CEO's the no-department grey).
        const std::pair<const char *, QColor> bands[] = {
            {"coo", QColor(0xc03030)}, {"cio", QColor(0x2060c0)}, {"plant", QColor(0xc03030)},
            {"ceo", QColor(0x9aa0a6)}};
        for (const auto &[id, color] : bands) {
            const QRectF card = cardOnCanvas(chart, m_model.find(id), scale);
            const QPoint band(int(card.center().x()), int(card.top() + 3 * scale));
            EXPECT_EQ(QColor(image.pixel(band)), color) << id << " at scale " << scale;
            // The body of the card is white with a border, and it has text: dark pixels in
            // the title line.
            const QRect title(int(card.left() + 12 * scale), int(card.top() + 10 * scale),
                              int(card.width() / 2), int(14 * scale));
            EXPECT_GT(darkPixels(image, title), 15 * scale * scale) << id;
        }
        // Between two sibling cards there is only background.
        const QRectF coo = cardOnCanvas(chart, m_model.find("coo"), scale);
        const QRectF cio = cardOnCanvas(chart, m_model.find("cio"), scale);
        const QPointF gap((coo.right() + cio.left()) / 2, coo.center().y());
        EXPECT_TRUE(isWhite(image.pixel(gap.toPoint())));
        EXPECT_TRUE(isWhite(image.pixel(2, 2)));
    }
}

TEST_F(ExportTest, TransparentPngHasAnAlphaChannel)
{
    ExportSettings settings;
    settings.transparent = true;
    Exporter chart = exporter(settings);
    const QString file = path(QStringLiteral("transparent.png"));
    ASSERT_TRUE(chart.write(file)) << qPrintable(chart.errorString());
    const QImage image = readImage(file);
    ASSERT_TRUE(image.hasAlphaChannel());
    EXPECT_EQ(qAlpha(image.pixel(1, 1)), 0);
    const QRectF card = cardOnCanvas(chart, m_model.find("cio"), 1);
    EXPECT_EQ(image.pixel(QPoint(int(card.center().x()), int(card.top() + 3))),
              QColor(0x2060c0).rgba());
}

// A PNG painted band by band is the very image painted in one piece.
TEST_F(ExportTest, BandedPngEqualsOneCanvas)
{
    const Model model = loadModel(treeOrgYaml(3, 3));
    ExportSettings settings;
    settings.scale = 1.5;
    settings.footer = true;
    settings.legend = true;
    settings.bandBytes = 64 * 1024; // a few dozen rows per band
    Exporter chart(ExportChart::laidOut(model, {}, {}), settings);
    const QString file = path(QStringLiteral("banded.png"));
    ASSERT_TRUE(chart.write(file)) << qPrintable(chart.errorString());
    ASSERT_GT(chart.plan().height * chart.plan().width * 4, 4 * settings.bandBytes);

    // Painted as the exporter paints an opaque chart: in 32-bit pixels.
    QImage canvas(int(chart.plan().width), int(chart.plan().height), QImage::Format_RGB32);
    canvas.fill(Qt::white);
    {
        QPainter painter(&canvas);
        painter.scale(settings.scale, settings.scale);
        chart.paint(painter, QRectF(QPointF(0, 0), chart.plan().canvas));
    }
    const QImage &whole = canvas;
    const QImage banded = readImage(file).convertToFormat(QImage::Format_RGB32);
    ASSERT_EQ(banded.size(), whole.size());
    int firstDifferent = -1;
    for (int y = 0; y < whole.height() && firstDifferent < 0; ++y) {
        if (memcmp(banded.constScanLine(y), whole.constScanLine(y), size_t(whole.width()) * 4) != 0)
            firstDifferent = y;
    }
    EXPECT_EQ(firstDifferent, -1) << "the first row that differs";
}

TEST_F(ExportTest, SvgLoadsWithTheChartSize)
{
    ExportSettings settings;
    settings.format = ExportFormat::Svg;
    Exporter chart = exporter(settings);
    const QString file = path(QStringLiteral("chart.svg"));
    ASSERT_TRUE(chart.write(file)) << qPrintable(chart.errorString());
    QSvgRenderer renderer(file);
    ASSERT_TRUE(renderer.isValid());
    EXPECT_EQ(renderer.viewBoxF().size(), chart.plan().canvas);
    EXPECT_TRUE(contents(file).contains("Technology Director"));
}

TEST_F(ExportTest, PdfSplitsALargeChartIntoNumberedPages)
{
    const Model model = loadModel(treeOrgYaml(4, 2));
    ExportSettings settings;
    settings.format = ExportFormat::Pdf;
    settings.scale = 2;
    Exporter split(ExportChart::laidOut(model, {}, {}), settings);
    ASSERT_TRUE(split.plan().isPossible()) << qPrintable(split.plan().problem);
    ASSERT_GT(split.plan().pageCount(), 1);
    const QString file = path(QStringLiteral("split.pdf"));
    ASSERT_TRUE(split.write(file)) << qPrintable(split.errorString());
    EXPECT_EQ(pdfPageCount(file), split.plan().pageCount());

    settings.fitToPage = true;
    Exporter fitted(ExportChart::laidOut(model, {}, {}), settings);
    const QString onePage = path(QStringLiteral("fitted.pdf"));
    ASSERT_TRUE(fitted.write(onePage)) << qPrintable(fitted.errorString());
    EXPECT_EQ(pdfPageCount(onePage), 1);
}

TEST_F(ExportTest, RefusesSizesPastTheLimitsBeforeDrawing)
{
    const Model wide = loadModel(wideOrgYaml(200));
    ExportSettings svg;
    svg.format = ExportFormat::Svg;
    Exporter tooWideSvg(ExportChart::laidOut(wide, {}, {}), svg);
    EXPECT_FALSE(tooWideSvg.plan().isPossible());
    EXPECT_TRUE(tooWideSvg.plan().problem.contains(QStringLiteral("--scale")));
    const QString file = path(QStringLiteral("wide.svg"));
    writeFile(file, "old");
    EXPECT_FALSE(tooWideSvg.write(file));
    EXPECT_EQ(contents(file), "old");

    // The same chart streams into a PNG wider than 32,767 px.
    Exporter widePng(ExportChart::laidOut(wide, {}, {}), {});
    EXPECT_TRUE(widePng.plan().isPossible()) << qPrintable(widePng.plan().problem);
    EXPECT_GT(widePng.plan().width, 32767);

    const Model huge = loadModel(wideOrgYaml(5000));
    ExportSettings big;
    big.scale = 4;
    Exporter tooBig(ExportChart::laidOut(huge, {}, {}), big);
    EXPECT_FALSE(tooBig.plan().isPossible());
}

TEST_F(ExportTest, CommandWritesTheBuiltInModelWithoutADisplay)
{
    const QString file = path(QStringLiteral("default.png"));
    const ProcessResult run = runRolescope({QStringLiteral("export"), QStringLiteral("-o"), file});
    ASSERT_EQ(run.exitCode, 0) << qPrintable(run.err);
    const QImage image = readImage(file);
    EXPECT_GT(image.width(), 400);
    EXPECT_GT(image.height(), 200);

    const QString twice = path(QStringLiteral("default-2.png"));
    ASSERT_EQ(runRolescope({QStringLiteral("export"), QStringLiteral("-o"), twice,
                            QStringLiteral("--scale"), QStringLiteral("2")})
                  .exitCode,
              0);
    EXPECT_NEAR(readImage(twice).width(), 2 * image.width(), 1);
}

TEST_F(ExportTest, CommandExportsASubtree)
{
    const QString model = path(QStringLiteral("org.yaml"));
    writeFile(model, OrgYaml);
    const QString whole = path(QStringLiteral("whole.png"));
    const QString subtree = path(QStringLiteral("subtree.png"));
    const QString top = path(QStringLiteral("top.png"));
    ASSERT_EQ(runRolescope({QStringLiteral("export"), model, QStringLiteral("-o"), whole}).exitCode, 0);
    ASSERT_EQ(runRolescope({QStringLiteral("export"), model, QStringLiteral("-o"), subtree,
                            QStringLiteral("--root"), QStringLiteral("coo")})
                  .exitCode,
              0);
    ASSERT_EQ(runRolescope({QStringLiteral("export"), model, QStringLiteral("-o"), top,
                            QStringLiteral("--depth"), QStringLiteral("0")})
                  .exitCode,
              0);
    const QImage wholeImage = readImage(whole);
    const QImage subtreeImage = readImage(subtree);
    const QImage topImage = readImage(top);
    EXPECT_LT(subtreeImage.width(), wholeImage.width());
    EXPECT_LT(subtreeImage.height(), wholeImage.height());
    EXPECT_LT(topImage.height(), subtreeImage.height());

    const ProcessResult unknownRole = runRolescope({QStringLiteral("export"), model, QStringLiteral("-o"),
                                          subtree, QStringLiteral("--root"), QStringLiteral("nobody")});
    EXPECT_EQ(unknownRole.exitCode, 2);
    EXPECT_TRUE(unknownRole.err.contains(QStringLiteral("nobody")));
    EXPECT_EQ(runRolescope({QStringLiteral("export"), model}).exitCode, 2); // no -o
}

TEST_F(ExportTest, CommandWritesSvgAndPdfByExtension)
{
    const QString svg = path(QStringLiteral("chart.SVG"));
    const QString pdf = path(QStringLiteral("chart.pdf"));
    ASSERT_EQ(runRolescope({QStringLiteral("export"), QStringLiteral("-o"), svg}).exitCode, 0);
    ASSERT_EQ(runRolescope({QStringLiteral("export"), QStringLiteral("-o"), pdf}).exitCode, 0);
    EXPECT_TRUE(QSvgRenderer(svg).isValid());
    EXPECT_EQ(pdfPageCount(pdf), 1);
}

// Every way an export can fail exits 3, says why, and leaves the file that was there alone.
TEST_F(ExportTest, FailedExportsExitThreeAndKeepTheOldFile)
{
    const QByteArray old = "an earlier export";

    const QString unknown = path(QStringLiteral("chart.txt"));
    writeFile(unknown, old);
    ProcessResult run = runRolescope({QStringLiteral("export"), QStringLiteral("-o"), unknown});
    EXPECT_EQ(run.exitCode, 3);
    EXPECT_TRUE(run.err.contains(QStringLiteral("unknown format"))) << qPrintable(run.err);
    EXPECT_EQ(contents(unknown), old);

    const QString folder = path(QStringLiteral("folder.png"));
    ASSERT_TRUE(QDir().mkpath(folder));
    run = runRolescope({QStringLiteral("export"), QStringLiteral("-o"), folder});
    EXPECT_EQ(run.exitCode, 3);
    EXPECT_TRUE(run.err.contains(QStringLiteral("folder"))) << qPrintable(run.err);
    EXPECT_TRUE(QFileInfo(folder).isDir());

    const QString notAFolder = path(QStringLiteral("plain-file"));
    writeFile(notAFolder, old);
    run = runRolescope({QStringLiteral("export"), QStringLiteral("-o"),
                        notAFolder + QStringLiteral("/chart.png")});
    EXPECT_EQ(run.exitCode, 3);
    EXPECT_EQ(contents(notAFolder), old);

    // Nobody, not even root, can create files in /proc.
    run = runRolescope({QStringLiteral("export"), QStringLiteral("-o"),
                        QStringLiteral("/proc/rolescope-export-test.png")});
    EXPECT_EQ(run.exitCode, 3);
    EXPECT_TRUE(run.err.contains(QStringLiteral("Cannot write"))) << qPrintable(run.err);

    // A full disk: the child may write no more than 4 KB to any file (and is not killed for
    // trying), so the PNG fails part way through, as on a full disk.
    const QString full = path(QStringLiteral("full.png"));
    writeFile(full, old);
    run = runRolescope({QStringLiteral("export"), QStringLiteral("-o"), full}, [] {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit = {4096, 4096};
        setrlimit(RLIMIT_FSIZE, &limit);
    });
    EXPECT_EQ(run.exitCode, 3);
    EXPECT_TRUE(run.err.contains(QStringLiteral("Cannot write"))) << qPrintable(run.err);
    EXPECT_EQ(contents(full), old);

    // Nothing half-written is left beside the old files.
    const QStringList left = QDir(m_dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot);
    EXPECT_EQ(left, QStringList({QStringLiteral("chart.txt"), QStringLiteral("full.png"),
                                 QStringLiteral("plain-file")}));
}

// The dialog shows the size before writing, follows the format, and writes what it showed.
TEST_F(ExportTest, DialogPreviewsTheSizeAndWritesTheFile)
{
    Document document;
    document.setModel(m_model);
    ChartScene scene(&document);
    document.selectRole(m_model.find("coo"));
    ExportDialog dialog(&document, &scene, scene.sceneRect());

    const QString file = path(QStringLiteral("dialog.png"));
    dialog.setOutputPath(file);
    const Exporter expected(ExportChart::laidOut(m_model, scene.layoutOptions(), {}), {});
    EXPECT_TRUE(dialog.previewText().contains(expected.plan().summary(ExportFormat::Png)))
        << qPrintable(dialog.previewText());

    dialog.setArea(ExportDialog::Area::Subtree);
    LayoutScope subtree;
    subtree.root = m_model.find("coo");
    const Exporter expectedSubtree(ExportChart::laidOut(m_model, scene.layoutOptions(), subtree), {});
    EXPECT_TRUE(dialog.previewText().contains(expectedSubtree.plan().summary(ExportFormat::Png)))
        << qPrintable(dialog.previewText());
    ASSERT_TRUE(dialog.exportNow());
    const QImage image = readImage(file);
    EXPECT_EQ(image.width(), expectedSubtree.plan().width);
    EXPECT_EQ(image.height(), expectedSubtree.plan().height);

    dialog.setFormat(ExportFormat::Pdf);
    EXPECT_TRUE(dialog.outputPath().endsWith(QStringLiteral("dialog.pdf")));
    EXPECT_TRUE(dialog.previewText().contains(QStringLiteral("page"))) << qPrintable(dialog.previewText());
    ASSERT_TRUE(dialog.exportNow());
    EXPECT_EQ(pdfPageCount(dialog.outputPath()), 1);
}

// --highlight: the highlighted card is outlined, a role sharing duties with it is tinted as in
// the window, and the command accepts it.
TEST_F(ExportTest, HighlightTintsRolesThatShareDuties)
{
    ExportChart chart = ExportChart::laidOut(m_model, {}, {});
    chart.highlight(m_model.find("coo"), true);
    ASSERT_GT(chart.overlapScores[size_t(m_model.find("cio"))], 0); // "Plan the maintenance"
    Exporter highlighted(std::move(chart), {});
    const QString file = path(QStringLiteral("highlight.png"));
    ASSERT_TRUE(highlighted.write(file)) << qPrintable(highlighted.errorString());
    const QImage image = readImage(file);

    const QRectF cio = cardOnCanvas(highlighted, m_model.find("cio"), 1);
    const QPoint body(int(cio.left() + 8), int(cio.bottom() - 4));
    EXPECT_FALSE(isWhite(image.pixel(body)));
    const QRectF coo = cardOnCanvas(highlighted, m_model.find("coo"), 1);
    const QPoint cooBody(int(coo.left() + 8), int(coo.bottom() - 4));
    EXPECT_TRUE(isWhite(image.pixel(cooBody)));
    // The selection outline of the highlighted card, on its left edge.
    const QColor outline(image.pixel(QPoint(int(coo.left()), int(coo.center().y()))));
    EXPECT_GT(outline.blue(), outline.red() + 60);

    const QString model = path(QStringLiteral("org.yaml"));
    writeFile(model, OrgYaml);
    EXPECT_EQ(runRolescope({QStringLiteral("export"), model, QStringLiteral("-o"),
                            path(QStringLiteral("cli-highlight.png")),
                            QStringLiteral("--highlight"), QStringLiteral("coo")})
                  .exitCode,
              0);
    EXPECT_EQ(runRolescope({QStringLiteral("export"), model, QStringLiteral("-o"),
                            path(QStringLiteral("cli-highlight.png")),
                            QStringLiteral("--highlight"), QStringLiteral("nobody")})
                  .exitCode,
              2);
}

// The tint follows the minimum score chosen in the window (as its own tint does) or given to
// the command: the marketing and sales managers share only umbrella duties scoring 0.53-0.54.
TEST_F(ExportTest, HighlightFollowsTheMinimumScoreOfTheWindowOrTheCommand)
{
    const LoadResult builtIn = loadBuiltInModel();
    ASSERT_TRUE(builtIn.ok());
    const Model &model = *builtIn.model;
    const auto sales = size_t(model.find("sales-manager"));
    ExportChart chart = ExportChart::laidOut(model, {}, {});
    chart.highlight(model.find("marketing-manager"), true);
    EXPECT_GT(chart.overlapScores[sales], 0);
    chart.highlight(model.find("marketing-manager"), true, 0.6);
    EXPECT_EQ(chart.overlapScores[sales], 0);

    // The command takes it as `rolescope overlaps` does: the sales manager's card is tinted
    // at the model's threshold and plain at 0.6.
    const auto exportHighlight = [&](const QString &file, const QStringList &extra) {
        return runRolescope(QStringList{QStringLiteral("export"), QStringLiteral("-o"), file,
                                        QStringLiteral("--highlight"),
                                        QStringLiteral("marketing-manager")}
                            + extra);
    };
    const QString tinted = path(QStringLiteral("tinted.png"));
    const QString strict = path(QStringLiteral("strict.png"));
    ASSERT_EQ(exportHighlight(tinted, {}).exitCode, 0);
    ASSERT_EQ(exportHighlight(strict, {QStringLiteral("--min-score"), QStringLiteral("0.6")})
                  .exitCode,
              0);
    ExportChart laidOut = ExportChart::laidOut(model, {}, {});
    const Exporter placed(std::move(laidOut), {});
    const QRectF card = cardOnCanvas(placed, model.find("sales-manager"), 1);
    const QPoint body(int(card.left() + 8), int(card.bottom() - 4));
    EXPECT_FALSE(isWhite(readImage(tinted).pixel(body)));
    EXPECT_TRUE(isWhite(readImage(strict).pixel(body)));
    EXPECT_EQ(exportHighlight(strict, {QStringLiteral("--min-score"), QStringLiteral("2")})
                  .exitCode,
              2);
}

// --compare renders the window's comparison view of the roles, with no display.
TEST_F(ExportTest, CommandExportsAComparison)
{
    const QString file = path(QStringLiteral("comparison.png"));
    const ProcessResult run = runRolescope({QStringLiteral("export"), QStringLiteral("-o"), file,
                                         QStringLiteral("--compare"),
                                         QStringLiteral("marketing-manager,sales-manager")});
    ASSERT_EQ(run.exitCode, 0) << qPrintable(run.err);
    const QImage image = readImage(file);
    EXPECT_GT(image.width(), 400);
    EXPECT_GT(image.height(), 200);
    EXPECT_GT(darkPixels(image, image.rect()), 500); // the duties' text

    const QString pdf = path(QStringLiteral("comparison.pdf"));
    EXPECT_EQ(runRolescope({QStringLiteral("export"), QStringLiteral("-o"), pdf,
                            QStringLiteral("--compare"),
                            QStringLiteral("marketing-manager,sales-manager,product-manager")})
                  .exitCode,
              0);
    EXPECT_EQ(pdfPageCount(pdf), 1);
    EXPECT_EQ(runRolescope({QStringLiteral("export"), QStringLiteral("-o"), file,
                            QStringLiteral("--compare"), QStringLiteral("marketing-manager")})
                  .exitCode,
              2);
    EXPECT_EQ(runRolescope({QStringLiteral("export"), QStringLiteral("-o"), file,
                            QStringLiteral("--compare"), QStringLiteral("marketing-manager,nobody")})
                  .exitCode,
              2);
    // Read as `overlaps --role` reads its ids: an empty one is refused there too.
    EXPECT_EQ(runRolescope({QStringLiteral("export"), QStringLiteral("-o"), file,
                            QStringLiteral("--compare"),
                            QStringLiteral("marketing-manager,,sales-manager")})
                  .exitCode,
              2);
}

// In a model large enough to be analysed on a worker thread, the file waits for the overlaps:
// the shared duties are marked (it used to be written at once, with none).
TEST_F(ExportTest, ComparisonOfALargeModelMarksTheSharedDuties)
{
    const QString model = path(QStringLiteral("large.yaml"));
    writeFile(model, branchLedgersYaml(OverlapAnalysis::BackgroundRoleCount));
    const QString file = path(QStringLiteral("comparison.png"));
    const ProcessResult run = runRolescope({QStringLiteral("export"), model, QStringLiteral("-o"),
                                         file, QStringLiteral("--compare"),
                                         QStringLiteral("r10,r11")});
    ASSERT_EQ(run.exitCode, 0) << qPrintable(run.err);
    const QImage image = readImage(file);
    // The shared duty's rows are painted in its group's colour, the rest in greys.
    int coloured = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            coloured += QColor(image.pixel(x, y)).hsvSaturation() > 40;
    }
    EXPECT_GT(coloured, 1000);
}

// The dialog tints roles from the window's overlaps. A large model's are found on a worker
// thread: the dialog says so and waits, instead of freezing the window (it used to run the
// analysis itself on the UI thread) or writing a file without the tint.
TEST_F(ExportTest, DialogWaitsForALargeModelsOverlapsBeforeExportingTheTint)
{
    const Model model = loadModel(branchLedgersYaml(OverlapAnalysis::OnDemandRoleCount));
    ASSERT_EQ(model.roleCount(), OverlapAnalysis::OnDemandRoleCount);
    Document document;
    document.setModel(model);
    ChartScene scene(&document);
    OverlapAnalysis analysis(&document);
    document.selectRole(model.find("r10"));
    ExportDialog dialog(&document, &scene, scene.sceneRect());
    dialog.setOverlapAnalysis(&analysis);
    const QString file = path(QStringLiteral("tinted.png"));
    dialog.setOutputPath(file);
    for (QSpinBox *box : dialog.findChildren<QSpinBox *>()) {
        if (box->specialValueText() == QLatin1String("All"))
            box->setValue(2); // the top three levels: r10 and r11 among them
    }
    QCheckBox *highlight = nullptr;
    for (QCheckBox *box : dialog.findChildren<QCheckBox *>()) {
        if (box->text().startsWith(QLatin1String("Highlight")))
            highlight = box;
    }
    ASSERT_NE(highlight, nullptr);
    highlight->setChecked(true);
    EXPECT_TRUE(dialog.previewText().contains(QStringLiteral("Finding the roles")))
        << qPrintable(dialog.previewText());
    EXPECT_FALSE(dialog.exportNow());
    EXPECT_FALSE(QFile::exists(file));

    ASSERT_TRUE(QTest::qWaitFor([&] { return !analysis.isPendingFor({model.find("r10")}); },
                                120000));
    EXPECT_FALSE(dialog.previewText().contains(QStringLiteral("Finding")))
        << qPrintable(dialog.previewText());
    ASSERT_TRUE(dialog.exportNow());
    // The partner's card is tinted orange; nothing else in this chart is.
    const QImage image = readImage(file);
    int tinted = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor color(image.pixel(x, y));
            tinted += color.hsvSaturation() > 40 && color.hsvHue() >= 5 && color.hsvHue() <= 40;
        }
    }
    EXPECT_GT(tinted, 1000);
}

// The dialog exports the comparison view of the window, as laid out on screen.
TEST_F(ExportTest, DialogExportsTheComparison)
{
    Document document;
    document.setModel(m_model);
    ChartScene scene(&document);
    OverlapAnalysis analysis(&document);
    ComparisonView view(&analysis);
    view.setRoles({m_model.find("coo"), m_model.find("cio")});
    view.resize(700, 400);
    view.contentWidget()->adjustSize();
    ExportDialog dialog(&document, &scene, {});
    dialog.setComparisonView(&view);
    dialog.setArea(ExportDialog::Area::Comparison);
    const QString file = path(QStringLiteral("comparison.png"));
    dialog.setOutputPath(file);
    const QSize size = view.contentWidget()->size();
    EXPECT_TRUE(dialog.previewText().contains(QStringLiteral("%1 × %2 px").arg(size.width()).arg(size.height())))
        << qPrintable(dialog.previewText());
    ASSERT_TRUE(dialog.exportNow());
    const QImage image = readImage(file);
    EXPECT_EQ(image.size(), size);
    EXPECT_GT(darkPixels(image, image.rect()), 200); // "Plan the maintenance", titles
}
