#include "app/mainwindow.h"

#include "app/breadcrumbbar.h"
#include "app/builtinmodel.h"
#include "app/chartscene.h"
#include "app/chartview.h"
#include "app/detailspanel.h"
#include "app/diagnosticspanel.h"
#include "app/document.h"
#include "app/exportdialog.h"
#include "app/filewatcher.h"
#include "app/loadindicator.h"
#include "app/outlineview.h"
#include "app/overlapanalysis.h"
#include "app/overlapcontroller.h"
#include "app/overviewwidget.h"
#include "app/recentfiles.h"
#include "app/searchbar.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace rolescope {

namespace {

constexpr int StatusMessageMs = 5000;
constexpr int MaxCollapseLevel = 6;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new Document(this))
    , m_scene(new ChartScene(m_document, this))
    , m_view(new ChartView(m_scene))
    , m_breadcrumbs(new BreadcrumbBar(m_document))
    , m_search(new SearchBar(m_document))
    , m_outline(new OutlineView(m_document))
    , m_details(new DetailsPanel(m_document))
    , m_overview(new OverviewWidget(m_view))
    , m_diagnostics(new DiagnosticsPanel(m_document))
    , m_watcher(new FileWatcher(this))
    , m_recentFiles(new RecentFiles(this))
    , m_rolesLabel(new QLabel)
    , m_zoomLabel(new QLabel)
    , m_loadIndicator(new LoadIndicator(m_document))
{
    auto central = new QWidget;
    auto layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_breadcrumbs);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    m_outlineDock = addDock(m_outline, tr("Outline"), QStringLiteral("outlineDock"),
                            Qt::LeftDockWidgetArea);
    m_overviewDock = addDock(m_overview, tr("Overview"), QStringLiteral("overviewDock"),
                             Qt::LeftDockWidgetArea);
    m_detailsDock = addDock(m_details, tr("Details"), QStringLiteral("detailsDock"),
                            Qt::RightDockWidgetArea);
    m_diagnosticsDock = addDock(m_diagnostics, tr("Problems"), QStringLiteral("diagnosticsDock"),
                                Qt::BottomDockWidgetArea);
    m_diagnosticsDock->hide();
    m_overlaps = new OverlapController(m_document, m_view, m_outline, this);
    resizeDocks({m_outlineDock, m_detailsDock}, {280, 320}, Qt::Horizontal);
    resizeDocks({m_outlineDock, m_overviewDock}, {400, 160}, Qt::Vertical);

    statusBar()->addPermanentWidget(m_loadIndicator);
    statusBar()->addPermanentWidget(m_rolesLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
    createMenus();
    setAcceptDrops(true);

    connect(m_document, &Document::modelReset, this, [this] {
        updateTitle();
        updateStatus();
    });
    connect(m_document, &Document::diagnosticsChanged, this, &MainWindow::showDiagnostics);
    connect(m_scene, &ChartScene::layoutChanged, this, &MainWindow::updateStatus);
    connect(m_view, &ChartView::zoomChanged, this, &MainWindow::updateStatus);
    connect(m_view, &ChartView::roleActivated, this, &MainWindow::showDetails);
    connect(m_outline, &OutlineView::roleActivated, this, &MainWindow::showDetails);
    connect(m_watcher, &FileWatcher::fileChanged, this, &MainWindow::reloadChangedFile);
    connect(m_document, &Document::loadFinished, this,
            [this](const QString &path, bool ok, bool cancelled) {
                if (!cancelled) {
                    finishOpen(ok, m_backgroundDoneMessage);
                } else if (!m_document->isLoading()) {
                    statusBar()->showMessage(tr("Stopped loading %1").arg(QFileInfo(path).fileName()),
                                             StatusMessageMs);
                }
            });

    readSettings();
    updateTitle();
    updateStatus();
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addDock(QWidget *widget, const QString &title, const QString &objectName,
                                 Qt::DockWidgetArea area)
{
    auto dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    addDockWidget(area, dock);
    return dock;
}

bool MainWindow::openFile(const QString &path)
{
    return open(path, tr("Opened %1"));
}

bool MainWindow::open(const QString &path, const QString &doneMessage)
{
    if (Document::isLargeFile(path)) {
        m_backgroundDoneMessage = doneMessage;
        m_document->loadInBackground(path);
        return true;
    }
    const bool ok = m_document->load(path);
    finishOpen(ok, doneMessage);
    return ok;
}

void MainWindow::finishOpen(bool ok, const QString &doneMessage)
{
    if (ok) {
        const QString path = m_document->filePath();
        if (!path.isEmpty() && path != QLatin1String("-"))
            m_recentFiles->add(path);
        statusBar()->showMessage(doneMessage.arg(m_document->displayName()), StatusMessageMs);
    }
    // After a failed open the window still shows (and watches) the previous file.
    const QString watched = m_document->filePath();
    m_watcher->setPath(watched == QLatin1String("-") ? QString() : watched);
    updateTitle();
}

void MainWindow::showBuiltInModel()
{
    openFile(QString());
}

void MainWindow::reloadChangedFile()
{
    // While another file loads, the one on screen is about to be replaced anyway.
    if (m_document->isLoading() && m_document->loadingPath() != m_document->filePath())
        return;
    open(m_document->filePath(), tr("Reloaded %1 after it changed on disk"));
}

void MainWindow::exportWithDialog()
{
    if (!m_document->hasModel())
        return;
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    ExportDialog dialog(m_document, m_scene, visible, this);
    dialog.setComparisonView(m_overlaps->comparisonView());
    dialog.setOverlapAnalysis(m_overlaps->analysis());
    dialog.exec();
}

void MainWindow::openWithDialog()
{
    const QString dir = m_document->filePath().isEmpty()
                            ? QString()
                            : QFileInfo(m_document->filePath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Role Model"), dir,
                                                      tr("Role models (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *openAction = fileMenu->addAction(tr("&Open…"), this, &MainWindow::openWithDialog);
    openAction->setShortcut(QKeySequence::Open);
    openAction->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    fileMenu->addAction(tr("Show &Built-in Model"), this, &MainWindow::showBuiltInModel);
    QAction *reloadAction = fileMenu->addAction(tr("Re&load"), this, [this] {
        if (!m_document->isBuiltIn())
            openFile(m_document->filePath());
    });
    reloadAction->setShortcuts({QKeySequence::Refresh, QKeySequence(Qt::CTRL | Qt::Key_R)});
    reloadAction->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    fileMenu->addAction(m_loadIndicator->cancelAction());
    fileMenu->addSeparator();
    QAction *exportAction = fileMenu->addAction(tr("&Export…"), this, &MainWindow::exportWithDialog);
    exportAction->setShortcut(Qt::CTRL | Qt::Key_E);
    fileMenu->addSeparator();
    QAction *quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *findAction = editMenu->addAction(tr("&Find…"), m_search, &SearchBar::activate);
    findAction->setShortcut(QKeySequence::Find);
    editMenu->addAction(tr("Find &Next"), m_document, &Document::nextMatch)
        ->setShortcut(QKeySequence::FindNext);
    editMenu->addAction(tr("Find &Previous"), m_document, &Document::previousMatch)
        ->setShortcut(QKeySequence::FindPrevious);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *zoomInAction = viewMenu->addAction(tr("Zoom &In"), m_view, &ChartView::zoomIn);
    zoomInAction->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    QAction *zoomOutAction = viewMenu->addAction(tr("Zoom &Out"), m_view, &ChartView::zoomOut);
    zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    QAction *fitAction = viewMenu->addAction(tr("&Fit Chart"), m_view, &ChartView::zoomToFit);
    fitAction->setShortcut(Qt::CTRL | Qt::Key_0);
    viewMenu->addAction(tr("&Actual Size"), m_view, &ChartView::zoomToActualSize)
        ->setShortcut(Qt::CTRL | Qt::Key_1);
    viewMenu->addSeparator();
    viewMenu->addAction(tr("&Expand All"), m_document, &Document::expandAll)
        ->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_E);
    QMenu *levelMenu = viewMenu->addMenu(tr("&Collapse to Level"));
    for (int level = 1; level <= MaxCollapseLevel; ++level) {
        levelMenu->addAction(level == 1 ? tr("Top Level Only") : tr("%1 Levels").arg(level), m_document,
                             [this, level] { m_document->collapseToLevel(level); });
    }
    QAction *focusAction = viewMenu->addAction(tr("Focus on Selected &Subtree"), this, [this] {
        if (m_document->currentRole() != NoRole)
            m_document->setFocusRoot(m_document->currentRole());
    });
    focusAction->setShortcut(Qt::CTRL | Qt::Key_T);
    QAction *wholeAction = viewMenu->addAction(tr("Show &Whole Organisation"), m_document,
                                               [this] { m_document->setFocusRoot(NoRole); });
    wholeAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_T);
    viewMenu->addSeparator();
    auto orientationGroup = new QActionGroup(this);
    m_topDownAction = viewMenu->addAction(tr("&Top-Down"), this, [this] { setOrientation(false); });
    m_leftToRightAction = viewMenu->addAction(tr("&Left-to-Right"), this,
                                              [this] { setOrientation(true); });
    for (QAction *action : {m_topDownAction, m_leftToRightAction}) {
        action->setCheckable(true);
        orientationGroup->addAction(action);
    }
    m_topDownAction->setChecked(true);
    m_compactAction = viewMenu->addAction(tr("&Compact Leaf Reports"));
    m_compactAction->setCheckable(true);
    m_compactAction->setChecked(m_scene->layoutOptions().compact);
    m_compactAction->setToolTip(tr("Stack a manager's many leaf reports in columns"));
    connect(m_compactAction, &QAction::toggled, this, &MainWindow::setCompact);
    viewMenu->addSeparator();
    viewMenu->addAction(m_overlaps->compareAction());
    viewMenu->addAction(m_overlaps->tintAction());
    viewMenu->addSeparator();
    for (QDockWidget *dock : {m_outlineDock, m_detailsDock, m_overviewDock, m_diagnosticsDock,
                              m_overlaps->comparisonDockWidget(), m_overlaps->overlapDockWidget()})
        viewMenu->addAction(dock->toggleViewAction());

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Rolescope"), this, [this] {
        QMessageBox::about(this, tr("About Rolescope"),
                           tr("<h3>Rolescope %1</h3><p>An org chart and responsibility explorer.</p>"
                              "<p>Arrows move between a role, its manager, its reports and its "
                              "siblings; Enter shows the details; Space collapses or expands; "
                              "+, − and 0 zoom in, out and to fit.</p>")
                               .arg(QStringLiteral(ROLESCOPE_VERSION)));
    });

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(openAction);
    toolBar->addAction(reloadAction);
    toolBar->addSeparator();
    zoomOutAction->setIconText(QStringLiteral("−"));
    zoomInAction->setIconText(QStringLiteral("+"));
    fitAction->setIconText(tr("Fit"));
    focusAction->setIconText(tr("Focus"));
    wholeAction->setIconText(tr("Whole Org"));
    for (QAction *action : {zoomOutAction, zoomInAction, fitAction, focusAction, wholeAction})
        toolBar->addAction(action);
    toolBar->addSeparator();
    toolBar->addAction(m_overlaps->tintAction());
    auto spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    toolBar->addWidget(m_search);
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_recentFiles->files();
    for (const QString &path : files) {
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })
            ->setToolTip(path);
    }
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    else
        m_recentMenu->addAction(tr("Clear Menu"), m_recentFiles, &RecentFiles::clear);
}

void MainWindow::showDetails(RoleIndex role)
{
    if (role != NoRole)
        m_document->selectRole(role);
    m_detailsDock->show();
    m_detailsDock->raise();
}

void MainWindow::setOrientation(bool leftToRight)
{
    LayoutOptions options = m_scene->layoutOptions();
    options.orientation = leftToRight ? Orientation::LeftToRight : Orientation::TopDown;
    m_scene->setLayoutOptions(options);
    m_view->zoomToFit();
}

void MainWindow::setCompact(bool compact)
{
    LayoutOptions options = m_scene->layoutOptions();
    options.compact = compact;
    m_scene->setLayoutOptions(options);
}

void MainWindow::updateTitle()
{
    QString title;
    if (m_document->hasModel()) {
        title = QString::fromStdString(m_document->model().organization.name) + QStringLiteral(" — ")
                + m_document->displayName();
    } else if (!m_document->filePath().isEmpty()) {
        title = QFileInfo(m_document->filePath()).fileName();
    }
    setWindowTitle(title);
}

void MainWindow::updateStatus()
{
    if (m_document->hasModel()) {
        m_rolesLabel->setText(tr("%1 roles · %2 shown")
                                  .arg(m_document->model().roleCount())
                                  .arg(m_scene->layout().shown.size()));
    } else {
        m_rolesLabel->clear();
    }
    const qreal percent = m_view->zoom() * 100;
    m_zoomLabel->setText(tr("%1 %").arg(percent < 10 ? QString::number(percent, 'g', 2)
                                                     : QString::number(qRound(percent))));
}

void MainWindow::showDiagnostics()
{
    const std::vector<Diagnostic> &diagnostics = m_document->diagnostics();
    if (diagnostics.empty()) {
        m_diagnosticsDock->hide();
        return;
    }
    m_diagnosticsDock->setWindowTitle(
        tr("Problems in %1: %2")
            .arg(m_document->diagnosticsFileName(),
                 QString::fromStdString(summarizeDiagnostics(diagnostics))));
    m_diagnosticsDock->show();
    if (m_document->lastLoadFailed()) {
        m_diagnosticsDock->raise();
        statusBar()->showMessage(m_document->hasModel()
                                     ? tr("%1 has errors; still showing the last good model")
                                           .arg(m_document->diagnosticsFileName())
                                     : tr("%1 could not be loaded").arg(m_document->diagnosticsFileName()));
    }
}

void MainWindow::readSettings()
{
    QSettings settings;
    if (settings.status() != QSettings::NoError) {
        // A damaged settings file costs the window layout, never the session: say so and go on
        // with the defaults; closing the window writes a good file again.
        qWarning("rolescope: cannot read the settings file %s; using defaults",
                 qPrintable(settings.fileName()));
        statusBar()->showMessage(
            tr("The settings file %1 could not be read; defaults are used.").arg(settings.fileName()));
    }
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // Problems belong to a file, not to the last session.
    m_diagnosticsDock->hide();
    const bool leftToRight = settings.value(QStringLiteral("chart/leftToRight"), false).toBool();
    const bool compact = settings.value(QStringLiteral("chart/compact"), true).toBool();
    LayoutOptions options = m_scene->layoutOptions();
    options.orientation = leftToRight ? Orientation::LeftToRight : Orientation::TopDown;
    options.compact = compact;
    m_scene->setLayoutOptions(options);
    (leftToRight ? m_leftToRightAction : m_topDownAction)->setChecked(true);
    const QSignalBlocker blocker(m_compactAction);
    m_compactAction->setChecked(compact);
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("chart/leftToRight"),
                      m_scene->layoutOptions().orientation == Orientation::LeftToRight);
    settings.setValue(QStringLiteral("chart/compact"), m_scene->layoutOptions().compact);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    writeSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile())
        return;
    event->acceptProposedAction();
    openFile(urls.front().toLocalFile());
}

} // namespace rolescope
