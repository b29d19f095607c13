#include "app/roletreemodel.h"

#include "app/cardpainter.h"
#include "app/departmentcolors.h"
#include "app/document.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace rolescope {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

RoleTreeModel::RoleTreeModel(Document *document, QObject *parent)
    : QAbstractItemModel(parent)
    , m_document(document)
{
    connect(document, &Document::modelAboutToReset, this, &RoleTreeModel::beginResetModel);
    connect(document, &Document::modelReset, this, &RoleTreeModel::endResetModel);
    connect(document, &Document::searchChanged, this, &RoleTreeModel::announceSearch);
}

QModelIndex RoleTreeModel::indexForRole(RoleIndex role, int column) const
{
    if (!m_document->hasModel() || role < 0 || role >= m_document->model().roleCount())
        return {};
    return createIndex(m_document->rowOf(role), column, quintptr(role));
}

RoleIndex RoleTreeModel::roleForIndex(const QModelIndex &index)
{
    return index.isValid() ? static_cast<RoleIndex>(index.internalId()) : NoRole;
}

QModelIndex RoleTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Model &model = m_document->model();
    const auto siblings = parent.isValid() ? model.childrenOf(roleForIndex(parent))
                                           : model.topRoles();
    return createIndex(row, column, quintptr(siblings[static_cast<size_t>(row)]));
}

QModelIndex RoleTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexForRole(m_document->model().parentOf(roleForIndex(child)));
}

int RoleTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_document->hasModel() || parent.column() > 0)
        return 0;
    const Model &model = m_document->model();
    const auto rows = parent.isValid() ? model.childrenOf(roleForIndex(parent)) : model.topRoles();
    return static_cast<int>(rows.size());
}

int RoleTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant RoleTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const RoleIndex roleIndex = roleForIndex(index);
    const Model &model = m_document->model();
    const Role &r = model.role(roleIndex);
    const bool match = m_document->isSearchMatch(roleIndex);
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == TitleColumn ? fromStd(r.title) : CardPainter::holdersText(r);
    case Qt::ToolTipRole: {
        QString tip = fromStd(r.title) + QStringLiteral(" (") + fromStd(r.id) + u')';
        const std::string department = model.departmentName(r);
        if (!department.empty())
            tip += u'\n' + fromStd(department);
        return tip + u'\n' + CardPainter::dutiesText(r);
    }
    case Qt::FontRole:
        if (index.column() == HolderColumn && r.isVacant()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (match)
            return CardStyle::fromPalette(QGuiApplication::palette()).matchText;
        if (index.column() == HolderColumn && r.isVacant())
            return CardStyle::fromPalette(QGuiApplication::palette()).mutedText;
        return {};
    case Qt::BackgroundRole:
        if (match)
            return CardStyle::fromPalette(QGuiApplication::palette()).match;
        return {};
    case RoleIndexRole:
        return roleIndex;
    case RoleIdRole:
        return fromStd(r.id);
    case SearchMatchRole:
        return match;
    default:
        return {};
    }
}

QVariant RoleTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == TitleColumn ? tr("Role") : tr("Holder");
}

void RoleTreeModel::announceSearch()
{
    // Hits can be anywhere in the tree and a dataChanged range may only span siblings:
    // one signal per group of siblings.
    if (!m_document->hasModel())
        return;
    const auto tops = m_document->model().topRoles();
    std::vector<RoleIndex> pending(tops.begin(), tops.end());
    while (!pending.empty()) {
        const RoleIndex role = pending.back();
        pending.pop_back();
        const auto children = m_document->model().childrenOf(role);
        if (children.empty())
            continue;
        emit dataChanged(indexForRole(children.front()),
                         indexForRole(children.back(), ColumnCount - 1),
                         {Qt::BackgroundRole, Qt::ForegroundRole, SearchMatchRole});
        pending.insert(pending.end(), children.begin(), children.end());
    }
    emit dataChanged(indexForRole(tops.front()), indexForRole(tops.back(), ColumnCount - 1),
                     {Qt::BackgroundRole, Qt::ForegroundRole, SearchMatchRole});
}

} // namespace rolescope
