#pragma once

#include "core/model.h"

#include <QAbstractItemModel>

namespace rolescope {

class Document;

// The reporting tree of the document's model for item views; one row per role, each index
// carrying its RoleIndex. Reset on every new model; search hits are announced by dataChanged.
class RoleTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { TitleColumn, HolderColumn, ColumnCount };
    enum DataRole {
        RoleIndexRole = Qt::UserRole + 1, // int
        RoleIdRole,                       // QString
        SearchMatchRole,                  // bool
    };

    explicit RoleTreeModel(Document *document, QObject *parent = nullptr);

    QModelIndex indexForRole(RoleIndex role, int column = TitleColumn) const;
    static RoleIndex roleForIndex(const QModelIndex &index);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void announceSearch();

    Document *m_document;
};

} // namespace rolescope
