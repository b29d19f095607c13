#include "app/rolepairmodel.h"

#include "app/document.h"
#include "app/overlapanalysis.h"

namespace rolescope {

RolePairModel::RolePairModel(OverlapAnalysis *analysis, QObject *parent)
    : QAbstractTableModel(parent)
    , m_analysis(analysis)
{
}

void RolePairModel::refresh()
{
    beginResetModel();
    m_pairs = m_analysis->result().rolePairs;
    endResetModel();
}

void RolePairModel::clear()
{
    beginResetModel();
    m_pairs.clear();
    endResetModel();
}

int RolePairModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_pairs.size());
}

int RolePairModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RolePairModel::title(RoleIndex role) const
{
    const std::string &title = m_analysis->document()->model().role(role).title;
    return QString::fromUtf8(title.data(), static_cast<qsizetype>(title.size()));
}

QVariant RolePairModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RolePairOverlap &pair = m_pairs[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FirstRoleColumn:
            return title(pair.a);
        case SecondRoleColumn:
            return title(pair.b);
        case ScoreColumn:
            return QStringLiteral("%1 %").arg(qRound(pair.score * 100));
        case SharedColumn:
            return pair.shared;
        }
        break;
    case SortRole:
        switch (index.column()) {
        case FirstRoleColumn:
            return title(pair.a);
        case SecondRoleColumn:
            return title(pair.b);
        case ScoreColumn:
            return pair.score;
        case SharedColumn:
            return pair.shared;
        }
        break;
    case Qt::ToolTipRole:
        return tr("%1 of %2's duties are also done by %3; %4 of %3's by %2")
            .arg(QStringLiteral("%1 %").arg(qRound(pair.coverageA * 100)), title(pair.a),
                 title(pair.b), QStringLiteral("%1 %").arg(qRound(pair.coverageB * 100)));
    case Qt::TextAlignmentRole:
        if (index.column() == ScoreColumn || index.column() == SharedColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case FirstRoleRole:
        return pair.a;
    case SecondRoleRole:
        return pair.b;
    }
    return {};
}

QVariant RolePairModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == SharedColumn)
        return tr("Pairs of matching duties");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FirstRoleColumn:
        return tr("Role");
    case SecondRoleColumn:
        return tr("Overlaps with");
    case ScoreColumn:
        return tr("Score");
    case SharedColumn:
        return tr("Matches");
    }
    return {};
}

} // namespace rolescope
