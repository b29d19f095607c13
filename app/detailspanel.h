#pragma once

#include "core/model.h"

#include <QTextBrowser>

namespace rolescope {

class Document;

// The selected role in full: title, department, holders, manager and direct reports (links
// that select them), dotted-line managers, summary and responsibilities. With nothing
// selected it describes the organisation.
class DetailsPanel : public QTextBrowser
{
    Q_OBJECT

public:
    explicit DetailsPanel(Document *document, QWidget *parent = nullptr);

private:
    void showCurrent();
    QString organizationHtml() const;
    QString roleHtml(RoleIndex role) const;

    Document *m_document;
};

} // namespace rolescope
