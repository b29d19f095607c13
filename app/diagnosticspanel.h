#pragma once

#include <QTreeWidget>

namespace rolescope {

class Document;

// The problems of the last load, one row each with line:column; clicking a problem that
// belongs to a role selects that role when the model on screen has it.
class DiagnosticsPanel : public QTreeWidget
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, LocationColumn, MessageColumn };

    explicit DiagnosticsPanel(Document *document, QWidget *parent = nullptr);

private:
    void showDiagnostics();

    Document *m_document;
};

} // namespace rolescope
