#include "app/diagnosticspanel.h"

#include "app/document.h"

#include <QHeaderView>
#include <QStyle>

namespace rolescope {

namespace {

constexpr int RoleIdRole = Qt::UserRole + 1;

} // namespace

DiagnosticsPanel::DiagnosticsPanel(Document *document, QWidget *parent)
    : QTreeWidget(parent)
    , m_document(document)
{
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setHeaderLabels({tr("Severity"), tr("Line:Col"), tr("Problem")});
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(SeverityColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(LocationColumn, QHeaderView::ResizeToContents);

    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        const QString id = item->data(SeverityColumn, RoleIdRole).toString();
        if (id.isEmpty())
            return;
        const RoleIndex role = m_document->model().find(id.toStdString());
        if (role != NoRole)
            m_document->selectRole(role);
    });
    connect(document, &Document::diagnosticsChanged, this, &DiagnosticsPanel::showDiagnostics);
    showDiagnostics();
}

void DiagnosticsPanel::showDiagnostics()
{
    clear();
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    QList<QTreeWidgetItem *> items;
    for (const Diagnostic &diagnostic : m_document->diagnostics()) {
        auto item = new QTreeWidgetItem;
        item->setIcon(SeverityColumn, diagnostic.isError() ? errorIcon : warningIcon);
        item->setText(SeverityColumn, diagnostic.isError() ? tr("error") : tr("warning"));
        item->setData(SeverityColumn, RoleIdRole, QString::fromStdString(diagnostic.roleId));
        if (diagnostic.pos.isValid()) {
            item->setText(LocationColumn,
                          QStringLiteral("%1:%2").arg(diagnostic.pos.line).arg(diagnostic.pos.column));
        }
        item->setText(MessageColumn, QString::fromStdString(diagnostic.message));
        item->setToolTip(MessageColumn, QString::fromStdString(formatDiagnostic(
                                            m_document->diagnosticsFileName().toStdString(),
                                            diagnostic)));
        items.append(item);
    }
    addTopLevelItems(items);
}

} // namespace rolescope
