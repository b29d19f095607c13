#pragma once

#include "core/model.h"

#include <QMainWindow>

class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;

namespace rolescope {

class BreadcrumbBar;
class ChartScene;
class ChartView;
class DetailsPanel;
class DiagnosticsPanel;
class Document;
class FileWatcher;
class LoadIndicator;
class OutlineView;
class OverlapController;
class OverviewWidget;
class RecentFiles;
class SearchBar;

// The org chart window. It builds the menus, tool bar and docks and wires them to one
// Document; the behaviour lives in the document and in the views.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Shows the model in PATH. On errors the model on screen stays, the diagnostics dock
    // lists the problems, and false is returned. A large file is loaded in the background
    // (see Document::loadInBackground()): true then means that its load started.
    bool openFile(const QString &path);
    void showBuiltInModel();

    Document *document() const { return m_document; }
    ChartScene *chartScene() const { return m_scene; }
    ChartView *chartView() const { return m_view; }
    OutlineView *outlineView() const { return m_outline; }
    DetailsPanel *detailsPanel() const { return m_details; }
    SearchBar *searchBar() const { return m_search; }
    DiagnosticsPanel *diagnosticsPanel() const { return m_diagnostics; }
    QDockWidget *diagnosticsDock() const { return m_diagnosticsDock; }
    OverlapController *overlaps() const { return m_overlaps; }
    LoadIndicator *loadIndicator() const { return m_loadIndicator; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QDockWidget *addDock(QWidget *widget, const QString &title, const QString &objectName,
                         Qt::DockWidgetArea area);
    void createMenus();
    void fillRecentMenu();
    // DONEMESSAGE: the status message once the model is shown, %1 its name.
    bool open(const QString &path, const QString &doneMessage);
    void finishOpen(bool ok, const QString &doneMessage);
    void openWithDialog();
    void exportWithDialog();
    void reloadChangedFile();
    void showDetails(RoleIndex role);
    void setOrientation(bool leftToRight);
    void setCompact(bool compact);
    void updateTitle();
    void updateStatus();
    void showDiagnostics();
    void readSettings();
    void writeSettings() const;

    Document *m_document;
    ChartScene *m_scene;
    ChartView *m_view;
    BreadcrumbBar *m_breadcrumbs;
    SearchBar *m_search;
    OutlineView *m_outline;
    DetailsPanel *m_details;
    OverviewWidget *m_overview;
    DiagnosticsPanel *m_diagnostics;
    QDockWidget *m_outlineDock = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QDockWidget *m_overviewDock = nullptr;
    QDockWidget *m_diagnosticsDock = nullptr;
    FileWatcher *m_watcher;
    RecentFiles *m_recentFiles;
    QMenu *m_recentMenu = nullptr;
    QAction *m_leftToRightAction = nullptr;
    QAction *m_topDownAction = nullptr;
    QAction *m_compactAction = nullptr;
    QLabel *m_rolesLabel;
    QLabel *m_zoomLabel;
    LoadIndicator *m_loadIndicator;
    QString m_backgroundDoneMessage;
    OverlapController *m_overlaps = nullptr;
};

} // namespace rolescope
