#include "app/rolepairmodel.h"

#include "app/document.h"
#include "app/overlapanalysis.h"
#include "core/stringtable.h"

#include <algorithm>
#include <numeric>

namespace rolescope {

RolePairModel::RolePairModel(OverlapAnalysis *analysis, QObject *parent)
    : QAbstractTableModel(parent)
    , m_analysis(analysis)
{
}

void RolePairModel::refresh()
{
    beginResetModel();
    m_result = m_analysis->sharedResult();
    m_titles.clear();
    m_titleOfRole.clear();
    m_titleRank.clear();
    m_order = sortedPairs();
    m_rows = filtered(m_order);
    endResetModel();
}

void RolePairModel::clear()
{
    beginResetModel();
    m_result.reset();
    m_order.clear();
    m_rows.clear();
    m_titles.clear();
    m_titleOfRole.clear();
    m_titleRank.clear();
    endResetModel();
}

void RolePairModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    beginResetModel();
    m_filterText = text;
    m_rows = filtered(m_order);
    endResetModel();
}

void RolePairModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    m_sortColumn = column;
    m_sortOrder = order;
    // The selected pair and the current one stay where the user left them.
    const QModelIndexList before = persistentIndexList();
    std::vector<std::uint32_t> pairsBefore;
    for (const QModelIndex &index : before)
        pairsBefore.push_back(m_rows[static_cast<size_t>(index.row())]);
    m_order = sortedPairs();
    m_rows = filtered(m_order);
    if (!before.isEmpty()) {
        std::vector<int> rowOfPair(pairs().size(), -1);
        for (size_t row = 0; row < m_rows.size(); ++row)
            rowOfPair[m_rows[row]] = static_cast<int>(row);
        QModelIndexList after;
        for (qsizetype i = 0; i < before.size(); ++i)
            after.append(index(rowOfPair[pairsBefore[static_cast<size_t>(i)]], before[i].column()));
        changePersistentIndexList(before, after);
    }
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

std::vector<std::uint32_t> RolePairModel::sortedPairs() const
{
    const std::vector<RolePairOverlap> &all = pairs();
    const size_t count = all.size();
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    std::vector<std::uint32_t> order(count);
    if (m_sortColumn == ScoreColumn) {
        // The analysis gives them highest score first; lowest first keeps equal scores in
        // model order too.
        std::iota(order.begin(), order.end(), 0u);
        if (!descending) {
            std::reverse(order.begin(), order.end());
            for (auto run = order.begin(); run != order.end();) {
                const double score = all[*run].score;
                const auto end = std::find_if(run, order.end(), [&](std::uint32_t pair) {
                    return all[pair].score != score;
                });
                std::reverse(run, end);
                run = end;
            }
        }
        return order;
    }
    // A stable counting sort by a small key (the matching duty pairs, or a title's place among
    // the titles): equal keys keep the highest score first.
    std::vector<std::uint32_t> key(count);
    std::uint32_t keyCount = 0;
    if (m_sortColumn == SharedColumn) {
        for (size_t i = 0; i < count; ++i) {
            key[i] = static_cast<std::uint32_t>(std::max(0, all[i].shared));
            keyCount = std::max(keyCount, key[i] + 1);
        }
    } else {
        collectTitles();
        for (size_t i = 0; i < count; ++i) {
            const RoleIndex role = m_sortColumn == FirstRoleColumn ? all[i].a : all[i].b;
            key[i] = m_titleRank[m_titleOfRole[static_cast<size_t>(role)]];
            keyCount = std::max(keyCount, key[i] + 1);
        }
    }
    if (descending) {
        for (std::uint32_t &k : key)
            k = keyCount - 1 - k;
    }
    std::vector<size_t> next(size_t{keyCount} + 1, 0);
    for (std::uint32_t k : key)
        ++next[k + 1];
    std::partial_sum(next.begin(), next.end(), next.begin());
    for (size_t i = 0; i < count; ++i)
        order[next[key[i]]++] = static_cast<std::uint32_t>(i);
    return order;
}

std::vector<std::uint32_t> RolePairModel::filtered(const std::vector<std::uint32_t> &order) const
{
    if (m_filterText.isEmpty())
        return order;
    collectTitles();
    std::vector<bool> titleMatches(m_titles.size());
    for (size_t t = 0; t < m_titles.size(); ++t)
        titleMatches[t] = m_titles[t].contains(m_filterText, Qt::CaseInsensitive);
    // The pairs are read in their own order, not the order shown: sorted by title, that would
    // be a cache miss per pair (a fifth of a second per keystroke at 100,000 roles).
    const std::vector<RolePairOverlap> &all = pairs();
    std::vector<bool> kept(all.size());
    for (size_t i = 0; i < all.size(); ++i) {
        kept[i] = titleMatches[m_titleOfRole[static_cast<size_t>(all[i].a)]]
                  || titleMatches[m_titleOfRole[static_cast<size_t>(all[i].b)]];
    }
    std::vector<std::uint32_t> rows;
    for (std::uint32_t pair : order) {
        if (kept[pair])
            rows.push_back(pair);
    }
    return rows;
}

void RolePairModel::collectTitles() const
{
    if (!m_titleOfRole.empty())
        return;
    const Model &model = m_analysis->document()->model();
    StringTable<std::uint32_t> distinct;
    m_titleOfRole.resize(static_cast<size_t>(model.roleCount()));
    for (RoleIndex role = 0; role < model.roleCount(); ++role) {
        const std::string &title = model.role(role).title;
        const std::uint32_t *known = distinct.find(title);
        if (!known) {
            known = &distinct.insert(title, static_cast<std::uint32_t>(m_titles.size())).value;
            m_titles.push_back(QString::fromUtf8(title.data(), static_cast<qsizetype>(title.size())));
        }
        m_titleOfRole[static_cast<size_t>(role)] = *known;
    }
    auto compare = [&](std::uint32_t a, std::uint32_t b) {
        return m_titles[a].compare(m_titles[b], Qt::CaseInsensitive);
    };
    std::vector<std::uint32_t> byTitle(m_titles.size());
    std::iota(byTitle.begin(), byTitle.end(), 0u);
    std::sort(byTitle.begin(), byTitle.end(),
              [&](std::uint32_t a, std::uint32_t b) { return compare(a, b) < 0; });
    m_titleRank.assign(m_titles.size(), 0);
    std::uint32_t rank = 0;
    for (size_t i = 0; i < byTitle.size(); ++i) {
        if (i > 0 && compare(byTitle[i - 1], byTitle[i]) != 0)
            ++rank;
        m_titleRank[byTitle[i]] = rank;
    }
}

const std::vector<RolePairOverlap> &RolePairModel::pairs() const
{
    static const std::vector<RolePairOverlap> none;
    return m_result ? m_result->rolePairs : none;
}

int RolePairModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
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
    const RolePairOverlap &pair = pairAt(index.row());
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
