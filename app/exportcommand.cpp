#include "app/exportcommand.h"

#include "app/cli.h"
#include "app/commandsupport.h"
#include "app/comparisonview.h"
#include "app/document.h"
#include "app/exporter.h"
#include "app/overlapanalysis.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QTextStream>

namespace rolescope {

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int usageError(const QString &message)
{
    err() << message << "\nTry 'rolescope export --help'.\n";
    err().flush();
    return ExitUsage;
}

int ioError(const QString &message)
{
    err() << "rolescope export: " << message << "\n";
    err().flush();
    return ExitIo;
}

std::optional<QPageSize::PageSizeId> pageSizeNamed(const QString &name)
{
    if (name.compare(QLatin1String("A4"), Qt::CaseInsensitive) == 0)
        return QPageSize::A4;
    if (name.compare(QLatin1String("A3"), Qt::CaseInsensitive) == 0)
        return QPageSize::A3;
    if (name.compare(QLatin1String("Letter"), Qt::CaseInsensitive) == 0)
        return QPageSize::Letter;
    return std::nullopt;
}

// Renders the comparison view of ROLES (the window's widget, off screen) to OUTPUT. CACHE_ENTRY:
// the ModelCache entry MODEL was loaded through.
int exportComparison(const Model &model, const QString &cacheEntry,
                     const std::vector<RoleIndex> &roles, std::optional<double> minScore,
                     const ExportSettings &settings, const QString &output)
{
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        return ioError(QStringLiteral("Comparisons need the widgets library, which is not running."));
    Document document;
    document.setModel(model, {}, cacheEntry);
    OverlapAnalysis analysis(&document);
    analysis.setMinScore(minScore);
    ComparisonView view(&analysis);
    view.setAttribute(Qt::WA_DontShowOnScreen);
    // A large model's overlaps are found on a worker thread; the file must not be written
    // before they are, or it would show no shared work.
    QEventLoop waitForOverlaps;
    QObject::connect(&analysis, &OverlapAnalysis::resultReady, &waitForOverlaps,
                     &QEventLoop::quit);
    view.setRoles(roles);
    while (analysis.isPendingAmong(roles))
        waitForOverlaps.exec();
    view.resize(340 * int(roles.size()), 600);
    view.show();
    QCoreApplication::processEvents();

    QString error;
    if (!writeWidgetExport(view.contentWidget(), settings, output, &error))
        return ioError(error);
    QTextStream(stdout) << "Wrote " << output << ": a comparison of " << roles.size()
                        << " roles.\n";
    return ExitOk;
}

} // namespace

int runExportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Renders the org chart of a model to PNG, SVG or PDF, chosen by OUT's extension, with no "
        "display needed.\nPNG is streamed in bands: it may be far larger than the screen. A PDF "
        "splits a large chart across numbered pages.\nExit status: 0 written, 1 the model has "
        "errors, 2 usage error, 3 a file could not be read or written (an existing OUT is then "
        "left untouched)."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("The model (YAML). '-' reads standard input; "
                                                "none exports the built-in model."),
                                 QStringLiteral("[FILE]"));
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          QStringLiteral("The file to write: .png, .svg or .pdf."),
                                          QStringLiteral("OUT"));
    const QCommandLineOption rootOption(QStringLiteral("root"),
                                        QStringLiteral("Export only the subtree under this role."),
                                        QStringLiteral("ID"));
    const QCommandLineOption depthOption(QStringLiteral("depth"),
                                         QStringLiteral("Show N levels below the root(s) only."),
                                         QStringLiteral("N"));
    const QCommandLineOption scaleOption(
        QStringLiteral("scale"),
        QStringLiteral("Output pixels per chart pixel, %1 to %2 (default 1; 2 for slides). For "
                       "PDF, the magnification over 96 chart pixels per inch.")
            .arg(ExportLimits::MinScale)
            .arg(ExportLimits::MaxScale),
        QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption highlightOption(
        QStringLiteral("highlight"),
        QStringLiteral("Mark this role's card and tint every card by how much of its duties "
                       "this role also does."),
        QStringLiteral("ID"));
    const QCommandLineOption leftToRightOption(QStringLiteral("left-to-right"),
                                               QStringLiteral("Lay the chart out left to right."));
    const QCommandLineOption transparentOption(QStringLiteral("transparent"),
                                               QStringLiteral("PNG: a transparent background."));
    const QCommandLineOption marginOption(QStringLiteral("margin"),
                                          QStringLiteral("Space around the chart in chart "
                                                         "pixels (default 24)."),
                                          QStringLiteral("PX"), QStringLiteral("24"));
    const QCommandLineOption legendOption(QStringLiteral("legend"),
                                          QStringLiteral("Add a legend of department colours."));
    const QCommandLineOption footerOption(QStringLiteral("footer"),
                                          QStringLiteral("Add a footer with the title and today's "
                                                         "date."));
    const QCommandLineOption titleOption(QStringLiteral("title"),
                                         QStringLiteral("The footer's title (default: the "
                                                        "organisation's name)."),
                                         QStringLiteral("TEXT"));
    const QCommandLineOption pageSizeOption(QStringLiteral("page-size"),
                                            QStringLiteral("PDF page size: A4, A3 or Letter "
                                                           "(default A4)."),
                                            QStringLiteral("SIZE"), QStringLiteral("A4"));
    const QCommandLineOption portraitOption(QStringLiteral("portrait"),
                                            QStringLiteral("PDF: portrait pages (default "
                                                           "landscape)."));
    const QCommandLineOption fitPageOption(QStringLiteral("fit-page"),
                                           QStringLiteral("PDF: fit the chart on one page "
                                                          "instead of splitting it."));
    const QCommandLineOption compareOption(
        QStringLiteral("compare"),
        QStringLiteral("Export the comparison of 2 to 4 roles (their duties side by side) "
                       "instead of the chart."),
        QStringLiteral("ID,ID,..."));
    parser.addOptions({outputOption, rootOption, depthOption, scaleOption, highlightOption,
                       compareOption, minScoreOption(),
                       leftToRightOption, transparentOption, marginOption, legendOption,
                       footerOption, titleOption, pageSizeOption, portraitOption, fitPageOption});
    if (const int code = parseOrExit(parser, arguments.mid(1), 1); code >= 0)
        return code;

    const QString output = parser.value(outputOption);
    if (output.isEmpty())
        return usageError(QStringLiteral("Missing the output file: -o OUT.png, OUT.svg or OUT.pdf."));
    ExportSettings settings;
    bool ok = false;
    settings.scale = parser.value(scaleOption).toDouble(&ok);
    if (!ok || settings.scale < ExportLimits::MinScale || settings.scale > ExportLimits::MaxScale) {
        return usageError(QStringLiteral("--scale must be a number from %1 to %2.")
                              .arg(ExportLimits::MinScale)
                              .arg(ExportLimits::MaxScale));
    }
    settings.margin = parser.value(marginOption).toDouble(&ok);
    if (!ok || settings.margin < 0 || settings.margin > 1000)
        return usageError(QStringLiteral("--margin must be a number from 0 to 1000."));
    LayoutScope scope;
    if (parser.isSet(depthOption)) {
        scope.maxDepth = parser.value(depthOption).toInt(&ok);
        if (!ok || scope.maxDepth < 0)
            return usageError(QStringLiteral("--depth must be a whole number, 0 or more."));
    }
    const auto pageSize = pageSizeNamed(parser.value(pageSizeOption));
    if (!pageSize)
        return usageError(QStringLiteral("--page-size must be A4, A3 or Letter."));
    settings.pageSize = *pageSize;
    settings.pageOrientation = parser.isSet(portraitOption) ? QPageLayout::Portrait
                                                            : QPageLayout::Landscape;
    settings.fitToPage = parser.isSet(fitPageOption);
    settings.transparent = parser.isSet(transparentOption);
    settings.legend = parser.isSet(legendOption);
    settings.footer = parser.isSet(footerOption) || parser.isSet(titleOption);
    settings.title = parser.value(titleOption);
    std::optional<double> minScore;
    if (const int code = readMinScore(parser, QStringLiteral("export"), minScore); code >= 0)
        return code;

    const auto format = exportFormatForPath(output);
    if (!format) {
        return ioError(QStringLiteral("Cannot write %1: unknown format '%2'. Name the output "
                                      "*.png, *.svg or *.pdf.")
                           .arg(output, QFileInfo(output).suffix()));
    }
    settings.format = *format;

    const QString input = parser.positionalArguments().value(0);
    if (!input.isEmpty() && input != QLatin1String("-")) {
        const QFileInfo in(input);
        const QFileInfo out(output);
        if (out.exists() && in.exists() && out.canonicalFilePath() == in.canonicalFilePath())
            return ioError(QStringLiteral("Refusing to write over the model %1.").arg(input));
    }
    LoadResult loaded;
    QString cacheEntry;
    if (const int code = loadForCommand(input, loaded, cacheEntry); code >= 0)
        return code;
    const Model &model = *loaded.model;

    const auto roleNamed = [&](const QCommandLineOption &option, RoleIndex &role) {
        if (!parser.isSet(option))
            return true;
        role = model.find(parser.value(option).toStdString());
        return role != NoRole;
    };
    if (!roleNamed(rootOption, scope.root))
        return usageError(QStringLiteral("--root: no role has the id '%1'.").arg(parser.value(rootOption)));
    RoleIndex highlighted = NoRole;
    if (!roleNamed(highlightOption, highlighted)) {
        return usageError(QStringLiteral("--highlight: no role has the id '%1'.")
                              .arg(parser.value(highlightOption)));
    }

    if (parser.isSet(compareOption)) {
        const NamedRoles named = rolesNamed(model, {parser.value(compareOption)});
        if (named.unknownId) {
            return usageError(
                QStringLiteral("--compare: no role has the id '%1'.").arg(*named.unknownId));
        }
        const std::vector<RoleIndex> &compared = named.roles;
        if (compared.size() < 2 || compared.size() > size_t(ComparisonView::MaxColumns))
            return usageError(QStringLiteral("--compare takes 2 to 4 role ids, separated by commas."));
        return exportComparison(model, cacheEntry, compared, minScore, settings, output);
    }

    LayoutOptions layoutOptions;
    if (parser.isSet(leftToRightOption))
        layoutOptions.orientation = Orientation::LeftToRight;
    ExportChart chart = ExportChart::laidOut(model, layoutOptions, scope);
    if (highlighted != NoRole)
        chart.highlight(highlighted, true, minScore, cacheEntry);
    Exporter exporter(std::move(chart), settings);
    if (!exporter.write(output))
        return ioError(exporter.errorString());
    QTextStream(stdout) << "Wrote " << output << ": " << exporter.plan().summary(settings.format)
                        << ", " << exporter.plan().roles << " roles.\n";
    return ExitOk;
}

} // namespace rolescope
