#pragma once

#include "app/departmentcolors.h"
#include "app/rolesearch.h"
#include "core/diagnostic.h"
#include "core/loader.h"
#include "core/model.h"

#include <QObject>
#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace rolescope {

// The one object that owns what the window shows: the loaded model, its file, the diagnostics
// of the last load, the selection, collapsed roles, the focused subtree and the search. Views
// never change each other; they change the document and listen to its signals.
class ModelLoadJob;

class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);

    bool hasModel() const { return m_hasModel; }
    const Model &model() const { return *m_model; }
    // The model, for work on another thread that may outlive it here: it is never changed,
    // only replaced.
    std::shared_ptr<const Model> sharedModel() const { return m_model; }
    // Worked out once per model: it reads every role, 10 to 30 ms at 100,000 roles, too long
    // to repeat on each click of a role.
    const DepartmentColors &departmentColors() const { return m_departmentColors; }
    // The file the model came from; empty for the built-in model.
    QString filePath() const { return m_filePath; }
    // The ModelCache entry the model was read from or kept in; empty when it was not loaded
    // through the cache.
    QString cacheEntry() const { return m_cacheEntry; }
    bool isBuiltIn() const { return m_hasModel && m_filePath.isEmpty(); }
    // "<built-in>" or the file name, for the title bar.
    QString displayName() const;

    // Loads PATH (empty: the built-in model). A file with errors never replaces the model:
    // the old one stays and diagnostics() lists the problems. Reloading the same file keeps
    // the selection, collapsed roles and focus for the roles that still exist.
    // A load in the background is stopped first: its result is never shown.
    bool load(const QString &path);
    bool reload();

    // Loads the file PATH on a worker thread and returns at once. loadProgress() follows, then
    // the result is applied as load() applies it and loadFinished() tells how it went. The
    // model shown until then stays usable. A later load supersedes this one.
    void loadInBackground(const QString &path);
    // Stops the load in the background, if any; the model on screen stays.
    void cancelLoad();
    bool isLoading() const { return m_job != nullptr; }
    QString loadingPath() const;
    // Files at least this large are worth loading in the background (see loadInBackground()).
    static bool isLargeFile(const QString &path);
    // Where background loads keep parsed models (see ModelCache): the user's cache folder
    // unless set; empty turns the cache off.
    void setModelCacheDirectory(const QString &directory) { m_modelCacheDirectory = directory; }
    // Shows MODEL as if it had been loaded from PATH; for models built in code, or loaded by
    // the caller through the ModelCache entry CACHE_ENTRY.
    void setModel(Model model, const QString &path = {}, const QString &cacheEntry = {});

    // Diagnostics of the last load attempt and the name of the file they are about.
    const std::vector<Diagnostic> &diagnostics() const { return m_diagnostics; }
    QString diagnosticsFileName() const { return m_diagnosticsFileName; }
    bool lastLoadFailed() const { return m_lastLoadFailed; }

    // Selection: the current role plus, for comparing, further roles picked with Ctrl+click.
    RoleIndex currentRole() const { return m_current; }
    const std::vector<RoleIndex> &selectedRoles() const { return m_selected; }
    bool isSelected(RoleIndex role) const;
    // Makes ROLE the only selected role and reveals it (expands its ancestors).
    void selectRole(RoleIndex role);
    // Adds ROLE to the selection or removes it from it.
    void toggleRoleSelected(RoleIndex role);
    void clearSelection();

    // Position among its siblings (the top roles for a top role), and levels below the top.
    int rowOf(RoleIndex role) const { return m_row[static_cast<size_t>(role)]; }
    int depthOf(RoleIndex role) const { return m_depth[static_cast<size_t>(role)]; }
    std::span<const RoleIndex> siblingsOf(RoleIndex role) const;

    // Collapsed roles are shown; their descendants are not.
    bool isCollapsed(RoleIndex role) const { return m_collapsed[static_cast<size_t>(role)]; }
    const std::vector<bool> &collapsedRoles() const { return m_collapsed; }
    void setCollapsed(RoleIndex role, bool collapsed);
    void expandAll();
    void expandSubtree(RoleIndex role);
    // Shows LEVELS levels (1: only the top roles) and collapses the rest.
    void collapseToLevel(int levels);
    // Expands the ancestors of ROLE and leaves a focused subtree that does not contain it.
    void revealRole(RoleIndex role);

    // The root of the subtree the chart is limited to; NoRole: the whole organisation.
    RoleIndex focusRoot() const { return m_focusRoot; }
    void setFocusRoot(RoleIndex role);
    bool isInFocus(RoleIndex role) const;

    QString searchText() const { return m_searchText; }
    void setSearchText(const QString &text);
    const std::vector<RoleIndex> &searchMatches() const { return m_matches; }
    bool isSearchMatch(RoleIndex role) const;
    // Index into searchMatches() of the match last moved to; -1 before the first move.
    int currentMatch() const { return m_currentMatch; }
    void nextMatch();
    void previousMatch();

signals:
    // The model is about to be replaced; model() is still the old one.
    void modelAboutToReset();
    // A new model is shown. KEPTSTATE: the same file was reloaded and the selection,
    // collapsed roles and focus were carried over, so views should keep their zoom.
    void modelReset(bool keptState);
    void diagnosticsChanged();
    void selectionChanged();
    // The set of shown roles changed (collapse, expand or focus): the chart needs a new layout.
    void visibilityChanged();
    void focusRootChanged();
    void searchChanged();
    void loadStarted(const QString &path);
    // Bytes of the file parsed so far, of TOTAL; checking and building the model follow.
    void loadProgress(qint64 done, qint64 total);
    // A load in the background ended. OK: its model is shown. CANCELLED: it was stopped or
    // superseded, and nothing changed.
    void loadFinished(const QString &path, bool ok, bool cancelled);

private:
    // SEARCHTEXT: RoleSearchIndex::foldedTexts() of the result's model, if already made.
    bool applyLoad(const QString &path, LoadResult result, std::vector<std::string> searchText = {},
                   const QString &cacheEntry = {});
    void finishJob();
    // Stops JOB without waiting for it: it deletes itself once its thread is done.
    void retireJob(ModelLoadJob *job);
    void showModel(Model model, const QString &path, bool keepState,
                   std::vector<std::string> searchText = {});
    void collapseForFirstView();
    void moveToMatch(int match);
    void updateSearch();

    std::shared_ptr<const Model> m_model = std::make_shared<const Model>();
    bool m_hasModel = false;
    DepartmentColors m_departmentColors;
    QString m_filePath;
    QString m_cacheEntry;
    std::vector<Diagnostic> m_diagnostics;
    QString m_diagnosticsFileName;
    bool m_lastLoadFailed = false;
    ModelLoadJob *m_job = nullptr;
    QString m_modelCacheDirectory;

    std::vector<int> m_row;
    std::vector<int> m_depth;

    RoleIndex m_current = NoRole;
    std::vector<RoleIndex> m_selected;
    std::vector<bool> m_collapsed;
    RoleIndex m_focusRoot = NoRole;

    RoleSearchIndex m_searchIndex;
    QString m_searchText;
    std::vector<RoleIndex> m_matches;
    std::vector<bool> m_isMatch;
    int m_currentMatch = -1;
};

} // namespace rolescope
