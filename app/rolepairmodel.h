#pragma once

#include "core/overlap.h"

#include <QAbstractTableModel>

#include <vector>

namespace rolescope {

class OverlapAnalysis;

// Every pair of roles that share work, one row each, from the document's overlap analysis.
// Sorting and filtering are left to a QSortFilterProxyModel; SortRole gives numbers for the
// numeric columns.
class RolePairModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { FirstRoleColumn, SecondRoleColumn, ScoreColumn, SharedColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int FirstRoleRole = Qt::UserRole + 1;
    static constexpr int SecondRoleRole = Qt::UserRole + 2;

    explicit RolePairModel(OverlapAnalysis *analysis, QObject *parent = nullptr);

    // Takes the role pairs of the current analysis (computing it if needed).
    void refresh();
    // No pairs, without asking the analysis (which would start a very large one).
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString title(RoleIndex role) const;

    OverlapAnalysis *m_analysis;
    std::vector<RolePairOverlap> m_pairs;
};

} // namespace rolescope
