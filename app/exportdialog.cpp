#include "app/exportdialog.h"

#include "app/chartscene.h"
#include "app/comparisonview.h"
#include "app/document.h"
#include "app/overlapanalysis.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace rolescope {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString fileFilter(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Png:
        return QObject::tr("PNG image (*.png)");
    case ExportFormat::Svg:
        return QObject::tr("SVG drawing (*.svg)");
    case ExportFormat::Pdf:
        return QObject::tr("PDF document (*.pdf)");
    }
    return {};
}

} // namespace

ExportDialog::ExportDialog(Document *document, ChartScene *scene, const QRectF &visibleRect,
                           QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_scene(scene)
    , m_visibleRect(visibleRect)
    , m_area(new QComboBox)
    , m_includeCollapsed(new QCheckBox(tr("Include the roles of collapsed cards")))
    , m_depth(new QSpinBox)
    , m_highlight(new QCheckBox)
    , m_format(new QComboBox)
    , m_scale(new QDoubleSpinBox)
    , m_background(new QComboBox)
    , m_margin(new QSpinBox)
    , m_legend(new QCheckBox(tr("Department legend")))
    , m_footer(new QCheckBox(tr("Title and date footer:")))
    , m_title(new QLineEdit)
    , m_pageSize(new QComboBox)
    , m_pageOrientation(new QComboBox)
    , m_fitToPage(new QCheckBox(tr("Fit on one page")))
    , m_preview(new QLabel)
    , m_path(new QLineEdit)
{
    setWindowTitle(tr("Export Chart"));
    const RoleIndex current = document->currentRole();

    m_area->addItem(tr("Whole chart"), int(Area::WholeChart));
    m_area->addItem(current == NoRole
                        ? tr("Subtree of the selected role")
                        : tr("Subtree of %1").arg(fromStd(document->model().role(current).title)),
                    int(Area::Subtree));
    m_area->addItem(tr("Visible area"), int(Area::VisibleArea));
    m_area->addItem(tr("Comparison"), int(Area::Comparison));
    m_depth->setRange(0, 999);
    m_depth->setSpecialValueText(tr("All"));
    m_highlight->setText(current == NoRole
                             ? tr("Highlight the selected role and its overlaps")
                             : tr("Highlight %1 and tint roles by shared duties")
                                   .arg(fromStd(document->model().role(current).title)));
    m_highlight->setEnabled(current != NoRole);

    m_format->addItem(tr("PNG image"), int(ExportFormat::Png));
    m_format->addItem(tr("SVG drawing"), int(ExportFormat::Svg));
    m_format->addItem(tr("PDF document"), int(ExportFormat::Pdf));
    m_scale->setRange(ExportLimits::MinScale, ExportLimits::MaxScale);
    m_scale->setSingleStep(0.5);
    m_scale->setValue(1);
    m_scale->setSuffix(QStringLiteral(" ×"));
    m_background->addItem(tr("White"));
    m_background->addItem(tr("Transparent"));
    m_margin->setRange(0, 1000);
    m_margin->setValue(24);
    m_margin->setSuffix(tr(" px"));
    m_title->setPlaceholderText(fromStd(document->model().organization.name));
    m_pageSize->addItem(QStringLiteral("A4"), int(QPageSize::A4));
    m_pageSize->addItem(QStringLiteral("A3"), int(QPageSize::A3));
    m_pageSize->addItem(QStringLiteral("Letter"), int(QPageSize::Letter));
    m_pageOrientation->addItem(tr("Landscape"), int(QPageLayout::Landscape));
    m_pageOrientation->addItem(tr("Portrait"), int(QPageLayout::Portrait));

    auto *what = new QGroupBox(tr("Chart"));
    auto *whatForm = new QFormLayout(what);
    whatForm->addRow(tr("&Export:"), m_area);
    whatForm->addRow(tr("&Levels below the top:"), m_depth);
    whatForm->addRow(m_includeCollapsed);
    whatForm->addRow(m_highlight);

    auto *look = new QGroupBox(tr("Output"));
    auto *lookForm = new QFormLayout(look);
    lookForm->addRow(tr("&Format:"), m_format);
    lookForm->addRow(tr("&Scale:"), m_scale);
    lookForm->addRow(tr("&Background:"), m_background);
    lookForm->addRow(tr("&Margin:"), m_margin);
    lookForm->addRow(m_legend);
    lookForm->addRow(m_footer, m_title);
    lookForm->addRow(tr("&Page size:"), m_pageSize);
    lookForm->addRow(tr("&Orientation:"), m_pageOrientation);
    lookForm->addRow(m_fitToPage);

    auto *browseButton = new QPushButton(tr("&Browse…"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_exportButton = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);

    m_preview->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(look);
    layout->addWidget(m_preview);
    layout->addLayout(pathRow);
    layout->addWidget(buttons);

    QString baseName = fromStd(document->model().organization.name);
    baseName.replace(QLatin1Char('/'), QLatin1Char('-'));
    if (baseName.isEmpty())
        baseName = QStringLiteral("chart");
    m_path->setText(QDir::home().filePath(baseName + QStringLiteral(".png")));

    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        // The file name follows the format, so the extension and the content agree.
        const QFileInfo info(m_path->text());
        const QString extension = exportFormatExtension(settings().format);
        if (!m_path->text().isEmpty())
            m_path->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.')
                                                + extension));
        updateControls();
    });
    for (QComboBox *box : {m_area, m_background, m_pageSize, m_pageOrientation})
        connect(box, &QComboBox::currentIndexChanged, this, &ExportDialog::updateControls);
    for (QCheckBox *box : {m_includeCollapsed, m_highlight, m_legend, m_footer, m_fitToPage})
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updateControls);
    connect(m_depth, &QSpinBox::valueChanged, this, &ExportDialog::updatePreview);
    connect(m_margin, &QSpinBox::valueChanged, this, &ExportDialog::updatePreview);
    connect(m_scale, &QDoubleSpinBox::valueChanged, this, &ExportDialog::updatePreview);
    connect(m_title, &QLineEdit::textChanged, this, &ExportDialog::updatePreview);
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updatePreview);

    auto *areas = qobject_cast<QStandardItemModel *>(m_area->model());
    areas->item(1)->setEnabled(current != NoRole);
    areas->item(2)->setEnabled(!visibleRect.isEmpty());
    areas->item(3)->setEnabled(false);
    updateControls();
}

void ExportDialog::setOverlapAnalysis(OverlapAnalysis *analysis)
{
    m_analysis = analysis;
    connect(analysis, &OverlapAnalysis::resultReady, this, &ExportDialog::updatePreview);
    connect(analysis, &OverlapAnalysis::changed, this, &ExportDialog::updatePreview);
    updatePreview();
}

void ExportDialog::setComparisonView(ComparisonView *view)
{
    m_comparison = view;
    auto *areas = qobject_cast<QStandardItemModel *>(m_area->model());
    areas->item(3)->setEnabled(view && view->roles().size() >= 2);
    updateControls();
}

void ExportDialog::setArea(Area area)
{
    m_area->setCurrentIndex(m_area->findData(int(area)));
}

void ExportDialog::setFormat(ExportFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

QString ExportDialog::outputPath() const
{
    return m_path->text();
}

void ExportDialog::setOutputPath(const QString &path)
{
    m_path->setText(path);
    if (const auto format = exportFormatForPath(path))
        setFormat(*format);
}

QString ExportDialog::previewText() const
{
    return m_preview->text();
}

ExportChart ExportDialog::chart() const
{
    const Model &model = m_document->model();
    const auto area = Area(m_area->currentData().toInt());
    ExportChart chart;
    if (area == Area::VisibleArea) {
        // Exactly the layout on screen, cut to what the view shows.
        chart.model = &model;
        chart.layout = m_scene->layout();
        chart.orientation = m_scene->layoutOptions().orientation;
        chart.region = m_visibleRect & m_scene->sceneRect();
        chart.clipToRegion = true;
    } else {
        LayoutScope scope;
        scope.root = area == Area::Subtree ? m_document->currentRole() : m_document->focusRoot();
        scope.maxDepth = m_depth->value() == 0 ? -1 : m_depth->value();
        if (!m_includeCollapsed->isChecked())
            scope.collapsed = m_document->collapsedRoles();
        chart = ExportChart::laidOut(model, m_scene->layoutOptions(), scope);
    }
    const RoleIndex current = m_document->currentRole();
    m_waitingForOverlaps = false;
    if (m_highlight->isChecked() && current != NoRole) {
        chart.highlighted = current;
        if (m_analysis) {
            std::vector<double> scores = m_analysis->scoresAgainst(current);
            m_waitingForOverlaps = m_analysis->isPendingFor({current});
            if (!m_waitingForOverlaps)
                chart.overlapScores = std::move(scores);
        }
    }
    return chart;
}

ExportSettings ExportDialog::settings() const
{
    ExportSettings settings;
    settings.format = ExportFormat(m_format->currentData().toInt());
    settings.scale = m_scale->value();
    settings.transparent = m_background->currentIndex() == 1;
    settings.margin = m_margin->value();
    settings.legend = m_legend->isChecked();
    settings.footer = m_footer->isChecked();
    settings.title = m_title->text();
    settings.pageSize = QPageSize::PageSizeId(m_pageSize->currentData().toInt());
    settings.pageOrientation = QPageLayout::Orientation(m_pageOrientation->currentData().toInt());
    settings.fitToPage = m_fitToPage->isChecked();
    return settings;
}

void ExportDialog::updateControls()
{
    const ExportFormat format = settings().format;
    const bool pdf = format == ExportFormat::Pdf;
    const auto area = Area(m_area->currentData().toInt());
    const bool chart = area != Area::VisibleArea && area != Area::Comparison;
    m_depth->setEnabled(chart);
    m_includeCollapsed->setEnabled(chart);
    m_highlight->setEnabled(area != Area::Comparison && m_document->currentRole() != NoRole);
    m_legend->setEnabled(area != Area::Comparison);
    m_footer->setEnabled(area != Area::Comparison);
    m_margin->setEnabled(area != Area::Comparison);
    m_background->setEnabled(area != Area::Comparison && format == ExportFormat::Png);
    m_scale->setEnabled(!(pdf && m_fitToPage->isChecked()));
    m_title->setEnabled(m_footer->isChecked());
    m_pageSize->setEnabled(pdf);
    m_pageOrientation->setEnabled(pdf);
    m_fitToPage->setEnabled(pdf && area != Area::Comparison);
    updatePreview();
}

void ExportDialog::updatePreview()
{
    if (Area(m_area->currentData().toInt()) == Area::Comparison && m_comparison) {
        const ExportFormat format = settings().format;
        const QSize size = m_comparison->contentWidget()->size() * m_scale->value();
        m_preview->setText(format == ExportFormat::Pdf
                               ? tr("1 page: the comparison of %n role(s).", nullptr,
                                    int(m_comparison->roles().size()))
                               : tr("%1 × %2 px: the comparison of %n role(s).", nullptr,
                                    int(m_comparison->roles().size()))
                                     .arg(size.width())
                                     .arg(size.height()));
        m_exportButton->setEnabled(exportFormatForPath(m_path->text()) == format);
        return;
    }
    const Exporter exporter(chart(), settings());
    const ExportPlan &plan = exporter.plan();
    const ExportFormat format = settings().format;
    if (!plan.isPossible()) {
        m_preview->setText(plan.problem);
    } else if (m_waitingForOverlaps) {
        m_preview->setText(tr("%1 of %n role(s). Finding the roles that share duties with the "
                              "highlighted one; Export is possible when they are found.",
                              nullptr, plan.roles)
                               .arg(plan.summary(format)));
    } else {
        m_preview->setText(tr("%1 of %n role(s).", nullptr, plan.roles)
                               .arg(plan.summary(format)));
    }
    const auto pathFormat = exportFormatForPath(m_path->text());
    m_exportButton->setEnabled(plan.isPossible() && pathFormat == format
                               && !m_waitingForOverlaps);
}

void ExportDialog::browse()
{
    const ExportFormat format = settings().format;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Chart"), m_path->text(),
                                                      fileFilter(format));
    if (!path.isEmpty())
        setOutputPath(exportFormatForPath(path) ? path
                                                : path + QLatin1Char('.')
                                                      + exportFormatExtension(format));
}

bool ExportDialog::exportNow()
{
    if (Area(m_area->currentData().toInt()) == Area::Comparison && m_comparison) {
        QString error;
        const bool written = writeWidgetExport(m_comparison->contentWidget(), settings(),
                                               m_path->text(), &error);
        if (!written)
            QMessageBox::warning(this, tr("Export Failed"), error);
        return written;
    }
    // Writing lets events through (the progress dialog): a reload of the file may replace the
    // document's model meanwhile, so the one being written is held until the end.
    const std::shared_ptr<const Model> model = m_document->sharedModel();
    ExportChart toWrite = chart();
    // Not before the tint is known: the file would lack it.
    if (m_waitingForOverlaps)
        return false;
    Exporter exporter(std::move(toWrite), settings());
    QProgressDialog progress(tr("Exporting the chart…"), tr("Cancel"), 0, 1000, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    const bool written = exporter.write(m_path->text(), [&](qint64 done, qint64 total) {
        progress.setValue(int(done * 1000 / std::max<qint64>(total, 1)));
        return !progress.wasCanceled();
    });
    progress.reset();
    if (!written && !exporter.wasCancelled())
        QMessageBox::warning(this, tr("Export Failed"), exporter.errorString());
    return written;
}

void ExportDialog::accept()
{
    if (exportNow())
        QDialog::accept();
}

} // namespace rolescope
