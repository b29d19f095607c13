#pragma once

#include "core/overlap.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <memory>
#include <vector>

namespace rolescope {

class OverlapAnalysis;

// Every pair of roles that share work, one row each, from the document's overlap analysis,
// highest score first. It sorts and filters itself: at 100,000 roles there are 4.3 million
// pairs, and a QSortFilterProxyModel, comparing them through QVariants on the UI thread, froze
// the window for five seconds when they arrived. Here the analysis's order is kept, every other
// is a counting sort, and the pairs are the analysis's own, not a copy.
class RolePairModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { FirstRoleColumn, SecondRoleColumn, ScoreColumn, SharedColumn, ColumnCount };
    static constexpr int FirstRoleRole = Qt::UserRole + 1;
    static constexpr int SecondRoleRole = Qt::UserRole + 2;

    explicit RolePairModel(OverlapAnalysis *analysis, QObject *parent = nullptr);

    // Takes the role pairs of the current analysis (computing it if needed), in the order and
    // with the filter chosen.
    void refresh();
    // No pairs, without asking the analysis (which would start a very large one).
    void clear();
    // Only the pairs with a role whose title contains TEXT (case-insensitive); all when empty.
    void setFilterText(const QString &text);
    const RolePairOverlap &pairAt(int row) const { return pairs()[m_rows[static_cast<size_t>(row)]]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    // Highest score first, then in model order.
    const std::vector<RolePairOverlap> &pairs() const;
    QString title(RoleIndex role) const;
    // All pairs in the chosen order.
    std::vector<std::uint32_t> sortedPairs() const;
    // Those of ORDER the filter keeps.
    std::vector<std::uint32_t> filtered(const std::vector<std::uint32_t> &order) const;
    // The roles' titles, each distinct one once: a large organisation repeats a few thousand
    // titles over its roles, and these are compared instead. Made when first needed.
    void collectTitles() const;

    OverlapAnalysis *m_analysis;
    std::shared_ptr<const OverlapResult> m_result; // its role pairs are shown
    std::vector<std::uint32_t> m_order;   // every pair, in the order chosen
    std::vector<std::uint32_t> m_rows;    // the pairs shown, in that order
    int m_sortColumn = ScoreColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QString m_filterText;
    mutable std::vector<QString> m_titles;          // distinct
    mutable std::vector<std::uint32_t> m_titleOfRole; // into m_titles
    mutable std::vector<std::uint32_t> m_titleRank;   // of each of m_titles, by title
};

} // namespace rolescope
