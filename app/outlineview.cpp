#include "app/outlineview.h"

#include "app/document.h"
#include "app/roletreemodel.h"

#include <QGuiApplication>
#include <QHeaderView>

#include <algorithm>

namespace rolescope {

namespace {

constexpr int FullyExpandedRoles = 200;

} // namespace

OutlineView::OutlineView(Document *document, QWidget *parent)
    : QTreeView(parent)
    , m_document(document)
    , m_model(new RoleTreeModel(document, this))
{
    setModel(m_model);
    setUniformRowHeights(true); // keeps 100,000 rows cheap to scroll
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(RoleTreeModel::TitleColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(RoleTreeModel::HolderColumn, QHeaderView::Interactive);
    header()->resizeSection(RoleTreeModel::HolderColumn, 110);

    connect(selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(document, &Document::selectionChanged, this, &OutlineView::showDocumentSelection);
    connect(document, &Document::modelAboutToReset, this, &OutlineView::rememberExpanded);
    connect(document, &Document::modelReset, this, [this](bool keptState) {
        const auto &roles = m_document->model().roles;
        const bool anyHolder = std::any_of(roles.begin(), roles.end(),
                                           [](const Role &role) { return !role.isVacant(); });
        // A model that names no one would fill the column with "Vacant".
        setColumnHidden(RoleTreeModel::HolderColumn, !anyHolder);
        expandAfterReset(keptState);
        showDocumentSelection();
    });
    connect(this, &QTreeView::activated, this, [this](const QModelIndex &index) {
        emit roleActivated(RoleTreeModel::roleForIndex(index));
    });
}

void OutlineView::onCurrentChanged(const QModelIndex &current)
{
    if (m_syncing || !current.isValid())
        return;
    const RoleIndex role = RoleTreeModel::roleForIndex(current);
    // Ctrl+click adds roles to compare, as in the chart.
    if (QGuiApplication::keyboardModifiers() & Qt::ControlModifier)
        m_document->toggleRoleSelected(role);
    else
        m_document->selectRole(role);
}

void OutlineView::rememberExpanded()
{
    m_expandedIds.clear();
    const Model &model = m_document->model();
    for (RoleIndex role = 0; role < model.roleCount(); ++role) {
        if (!model.childrenOf(role).empty() && isExpanded(m_model->indexForRole(role)))
            m_expandedIds.push_back(model.role(role).id);
    }
}

void OutlineView::expandAfterReset(bool keptState)
{
    const Model &model = m_document->model();
    if (keptState) {
        for (const std::string &id : m_expandedIds)
            expand(m_model->indexForRole(model.find(id)));
    } else if (model.roleCount() <= FullyExpandedRoles) {
        // Small organisations open fully; large ones show their top two levels.
        expandAll();
    } else {
        expandToDepth(0);
    }
    m_expandedIds.clear();
}

void OutlineView::showDocumentSelection()
{
    const QModelIndex index = m_model->indexForRole(m_document->currentRole());
    m_syncing = true;
    if (index.isValid()) {
        for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
            expand(parent);
        selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                     | QItemSelectionModel::Rows);
        scrollTo(index);
    } else {
        selectionModel()->clearSelection();
    }
    m_syncing = false;
}

} // namespace rolescope
