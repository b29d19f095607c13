#pragma once

#include "core/model.h"

#include <QTreeView>

namespace rolescope {

class Document;
class RoleTreeModel;

// The outline dock's tree of roles, its selection kept in step with the document's.
class OutlineView : public QTreeView
{
    Q_OBJECT

public:
    explicit OutlineView(Document *document, QWidget *parent = nullptr);

    RoleTreeModel *roleModel() const { return m_model; }

signals:
    void roleActivated(RoleIndex role);

private:
    void showDocumentSelection();
    void rememberExpanded();
    void expandAfterReset(bool keptState);
    void onCurrentChanged(const QModelIndex &current);

    Document *m_document;
    RoleTreeModel *m_model;
    bool m_syncing = false;
    std::vector<std::string> m_expandedIds; // across a reload of the same file
};

} // namespace rolescope
