#include "app/document.h"

#include "app/builtinmodel.h"
#include "app/modelcache.h"
#include "app/modelloadjob.h"

#include <QFileInfo>
#include <QThreadPool>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

namespace rolescope {

namespace {

// Large organisations open showing as many levels as fit in this many cards, so the first
// view is readable rather than a fitted smear of thousands of cards.
constexpr int FirstViewRoleLimit = 250;
constexpr int FullyExpandedRoleLimit = 400;
// Below this a load takes a few tens of milliseconds: done at once, it needs no progress bar.
constexpr qint64 LargeFileBytes = 1024 * 1024;
constexpr int BackgroundFreeRoleCount = 10000;

} // namespace

Document::Document(QObject *parent)
    : QObject(parent)
    , m_modelCacheDirectory(ModelCache::standardDirectory())
{
}

QString Document::displayName() const
{
    if (isBuiltIn())
        return builtInModelDisplayName();
    if (m_filePath == QLatin1String("-"))
        return displayNameForPath(m_filePath);
    return QFileInfo(m_filePath).fileName();
}

bool Document::load(const QString &path)
{
    cancelLoad();
    return applyLoad(path, loadModelFromPath(path));
}

bool Document::applyLoad(const QString &path, LoadResult result, std::vector<std::string> searchText,
                         const QString &cacheEntry)
{
    m_diagnostics = std::move(result.diagnostics);
    m_diagnosticsFileName = displayNameForPath(path);
    m_lastLoadFailed = !result.ok();
    if (result.ok()) {
        const bool sameFile = m_hasModel && path == m_filePath;
        // Before the model is shown: those who follow it may start on it at once.
        m_cacheEntry = cacheEntry;
        showModel(std::move(*result.model), path, sameFile, std::move(searchText));
    } else if (!m_hasModel) {
        // Nothing is shown yet: remember the file so that fixing it and reloading works.
        m_filePath = path;
    }
    emit diagnosticsChanged();
    return result.ok();
}

bool Document::reload()
{
    return load(m_filePath);
}

bool Document::isLargeFile(const QString &path)
{
    if (path.isEmpty() || path == QLatin1String("-"))
        return false;
    const QFileInfo info(path);
    return info.isFile() && info.size() >= LargeFileBytes;
}

void Document::loadInBackground(const QString &path)
{
    ModelLoadJob *previous
        = std::exchange(m_job, new ModelLoadJob(path, m_modelCacheDirectory, this));
    // Progress already queued by a job that was then stopped must not move the bar.
    connect(m_job, &ModelLoadJob::progressChanged, this,
            [this, job = m_job](qint64 done, qint64 total) {
                if (job == m_job)
                    emit loadProgress(done, total);
            });
    connect(m_job, &ModelLoadJob::finished, this, &Document::finishJob);
    m_job->start();
    if (previous) {
        retireJob(previous);
        emit loadFinished(previous->path(), false, true);
    }
    emit loadStarted(path);
}

QString Document::loadingPath() const
{
    return m_job ? m_job->path() : QString();
}

void Document::cancelLoad()
{
    if (!m_job)
        return;
    ModelLoadJob *job = std::exchange(m_job, nullptr);
    retireJob(job);
    emit loadFinished(job->path(), false, true);
}

void Document::retireJob(ModelLoadJob *job)
{
    disconnect(job, nullptr, this, nullptr);
    job->cancel();
    connect(job, &ModelLoadJob::finished, job, &QObject::deleteLater);
}

void Document::finishJob()
{
    ModelLoadJob *job = std::exchange(m_job, nullptr);
    job->deleteLater();
    const QString path = job->path();
    LoadResult result = job->takeResult();
    if (result.cancelled) {
        emit loadFinished(path, false, true);
        return;
    }
    const bool ok = applyLoad(path, std::move(result), job->takeSearchText(), job->cacheEntry());
    emit loadFinished(path, ok, false);
}

void Document::setModel(Model model, const QString &path, const QString &cacheEntry)
{
    cancelLoad();
    m_diagnostics.clear();
    m_diagnosticsFileName = displayNameForPath(path);
    m_lastLoadFailed = false;
    const bool sameFile = m_hasModel && path == m_filePath;
    m_cacheEntry = cacheEntry;
    showModel(std::move(model), path, sameFile);
    emit diagnosticsChanged();
}

void Document::showModel(Model model, const QString &path, bool keepState,
                         std::vector<std::string> searchText)
{
    // Roles are matched by id across a reload: indexes change when roles are added or moved.
    std::string currentId;
    std::vector<std::string> selectedIds;
    std::vector<std::string> collapsedIds;
    std::string focusId;
    emit modelAboutToReset();
    if (keepState) {
        if (m_current != NoRole)
            currentId = m_model->role(m_current).id;
        for (const RoleIndex role : m_selected)
            selectedIds.push_back(m_model->role(role).id);
        for (RoleIndex role = 0; role < m_model->roleCount(); ++role) {
            if (isCollapsed(role))
                collapsedIds.push_back(m_model->role(role).id);
        }
        if (m_focusRoot != NoRole)
            focusId = m_model->role(m_focusRoot).id;
    }

    std::shared_ptr<const Model> old
        = std::exchange(m_model, std::make_shared<const Model>(std::move(model)));
    m_hasModel = true;
    m_departmentColors = DepartmentColors(*m_model);
    m_filePath = path;

    const auto count = static_cast<size_t>(m_model->roleCount());
    m_row.assign(count, 0);
    m_depth.assign(count, 0);
    std::vector<RoleIndex> pending;
    const auto tops = m_model->topRoles();
    for (size_t i = 0; i < tops.size(); ++i) {
        m_row[static_cast<size_t>(tops[i])] = static_cast<int>(i);
        pending.push_back(tops[i]);
    }
    while (!pending.empty()) {
        const RoleIndex role = pending.back();
        pending.pop_back();
        const auto children = m_model->childrenOf(role);
        for (size_t i = 0; i < children.size(); ++i) {
            const auto child = static_cast<size_t>(children[i]);
            m_row[child] = static_cast<int>(i);
            m_depth[child] = m_depth[static_cast<size_t>(role)] + 1;
            pending.push_back(children[i]);
        }
    }

    m_collapsed.assign(count, false);
    m_selected.clear();
    m_current = NoRole;
    m_focusRoot = NoRole;
    if (keepState) {
        for (const std::string &id : collapsedIds) {
            const RoleIndex role = m_model->find(id);
            if (role != NoRole)
                m_collapsed[static_cast<size_t>(role)] = true;
        }
        for (const std::string &id : selectedIds) {
            const RoleIndex role = m_model->find(id);
            if (role != NoRole)
                m_selected.push_back(role);
        }
        m_current = m_model->find(currentId);
        m_focusRoot = m_model->find(focusId);
    } else {
        collapseForFirstView();
    }

    m_searchIndex.setModel(m_model.get(), std::move(searchText));
    updateSearch();
    emit modelReset(keepState);
    // Freeing 100,000 roles' millions of strings takes a tenth of a second: not on this thread
    // (nor here when work on another thread still holds the model: it frees it there).
    if (old.use_count() == 1 && old->roleCount() >= BackgroundFreeRoleCount)
        QThreadPool::globalInstance()->start([old = std::move(old)]() mutable { old.reset(); });
}

void Document::collapseForFirstView()
{
    if (m_model->roleCount() <= FullyExpandedRoleLimit)
        return;
    std::vector<int> perLevel;
    for (const int depth : m_depth) {
        if (static_cast<size_t>(depth) >= perLevel.size())
            perLevel.resize(static_cast<size_t>(depth) + 1, 0);
        ++perLevel[static_cast<size_t>(depth)];
    }
    int levels = 1;
    int shown = perLevel[0];
    while (static_cast<size_t>(levels) < perLevel.size()
           && shown + perLevel[static_cast<size_t>(levels)] <= FirstViewRoleLimit) {
        shown += perLevel[static_cast<size_t>(levels)];
        ++levels;
    }
    for (RoleIndex role = 0; role < m_model->roleCount(); ++role) {
        m_collapsed[static_cast<size_t>(role)] = depthOf(role) >= levels - 1
                                                 && !m_model->childrenOf(role).empty();
    }
}

bool Document::isSelected(RoleIndex role) const
{
    return std::find(m_selected.begin(), m_selected.end(), role) != m_selected.end();
}

void Document::selectRole(RoleIndex role)
{
    if (role == NoRole) {
        clearSelection();
        return;
    }
    revealRole(role);
    if (m_current == role && m_selected.size() == 1)
        return;
    m_selected = {role};
    m_current = role;
    emit selectionChanged();
}

void Document::toggleRoleSelected(RoleIndex role)
{
    const auto it = std::find(m_selected.begin(), m_selected.end(), role);
    if (it != m_selected.end()) {
        m_selected.erase(it);
        m_current = m_selected.empty() ? NoRole : m_selected.back();
    } else {
        revealRole(role);
        m_selected.push_back(role);
        m_current = role;
    }
    emit selectionChanged();
}

void Document::clearSelection()
{
    if (m_selected.empty() && m_current == NoRole)
        return;
    m_selected.clear();
    m_current = NoRole;
    emit selectionChanged();
}

std::span<const RoleIndex> Document::siblingsOf(RoleIndex role) const
{
    const RoleIndex parent = m_model->parentOf(role);
    return parent == NoRole ? m_model->topRoles() : m_model->childrenOf(parent);
}

void Document::setCollapsed(RoleIndex role, bool collapsed)
{
    if (m_model->childrenOf(role).empty() || isCollapsed(role) == collapsed)
        return;
    m_collapsed[static_cast<size_t>(role)] = collapsed;
    emit visibilityChanged();
}

void Document::expandAll()
{
    m_collapsed.assign(m_collapsed.size(), false);
    emit visibilityChanged();
}

void Document::expandSubtree(RoleIndex role)
{
    std::vector<RoleIndex> pending{role};
    while (!pending.empty()) {
        const RoleIndex at = pending.back();
        pending.pop_back();
        m_collapsed[static_cast<size_t>(at)] = false;
        const auto children = m_model->childrenOf(at);
        pending.insert(pending.end(), children.begin(), children.end());
    }
    emit visibilityChanged();
}

void Document::collapseToLevel(int levels)
{
    levels = std::max(levels, 1);
    for (RoleIndex role = 0; role < m_model->roleCount(); ++role) {
        m_collapsed[static_cast<size_t>(role)] = depthOf(role) >= levels - 1
                                                 && !m_model->childrenOf(role).empty();
    }
    emit visibilityChanged();
}

void Document::revealRole(RoleIndex role)
{
    bool changed = false;
    for (RoleIndex at = m_model->parentOf(role); at != NoRole; at = m_model->parentOf(at)) {
        if (isCollapsed(at)) {
            m_collapsed[static_cast<size_t>(at)] = false;
            changed = true;
        }
    }
    if (!isInFocus(role)) {
        m_focusRoot = NoRole;
        emit focusRootChanged();
        changed = true;
    }
    if (changed)
        emit visibilityChanged();
}

void Document::setFocusRoot(RoleIndex role)
{
    if (role == m_focusRoot)
        return;
    m_focusRoot = role;
    if (role != NoRole)
        m_collapsed[static_cast<size_t>(role)] = false;
    emit focusRootChanged();
    emit visibilityChanged();
}

bool Document::isInFocus(RoleIndex role) const
{
    if (m_focusRoot == NoRole)
        return true;
    for (RoleIndex at = role; at != NoRole; at = m_model->parentOf(at)) {
        if (at == m_focusRoot)
            return true;
    }
    return false;
}

void Document::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    updateSearch();
    emit searchChanged();
}

bool Document::isSearchMatch(RoleIndex role) const
{
    return !m_isMatch.empty() && m_isMatch[static_cast<size_t>(role)];
}

void Document::updateSearch()
{
    m_matches = m_searchIndex.find(m_searchText);
    m_isMatch.assign(static_cast<size_t>(m_model->roleCount()), false);
    for (const RoleIndex role : m_matches)
        m_isMatch[static_cast<size_t>(role)] = true;
    m_currentMatch = -1;
}

void Document::nextMatch()
{
    if (m_matches.empty())
        return;
    moveToMatch(m_currentMatch + 1 < static_cast<int>(m_matches.size()) ? m_currentMatch + 1 : 0);
}

void Document::previousMatch()
{
    if (m_matches.empty())
        return;
    moveToMatch(m_currentMatch > 0 ? m_currentMatch - 1 : static_cast<int>(m_matches.size()) - 1);
}

void Document::moveToMatch(int match)
{
    m_currentMatch = match;
    emit searchChanged();
    selectRole(m_matches[static_cast<size_t>(match)]);
}

} // namespace rolescope
