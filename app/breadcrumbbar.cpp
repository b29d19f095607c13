#include "app/breadcrumbbar.h"

#include "app/document.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

#include <algorithm>

namespace rolescope {

BreadcrumbBar::BreadcrumbBar(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(6, 2, 6, 2);
    m_layout->setSpacing(2);
    connect(document, &Document::focusRootChanged, this, &BreadcrumbBar::rebuild);
    connect(document, &Document::modelReset, this, &BreadcrumbBar::rebuild);
    rebuild();
}

QStringList BreadcrumbBar::crumbs() const
{
    QStringList texts;
    for (int i = 0; i < m_layout->count(); ++i) {
        if (const auto button = qobject_cast<QToolButton *>(m_layout->itemAt(i)->widget()))
            texts.append(button->text());
    }
    return texts;
}

void BreadcrumbBar::rebuild()
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        // Later: this may run inside the clicked() of one of these buttons.
        if (QWidget *widget = item->widget()) {
            widget->hide();
            widget->deleteLater();
        }
        delete item;
    }
    const RoleIndex focus = m_document->hasModel() ? m_document->focusRoot() : NoRole;
    setVisible(focus != NoRole);
    if (focus == NoRole)
        return;

    std::vector<RoleIndex> chain;
    for (RoleIndex at = focus; at != NoRole; at = m_document->model().parentOf(at))
        chain.push_back(at);
    std::reverse(chain.begin(), chain.end());

    const auto addCrumb = [this](const QString &text, RoleIndex target, bool current) {
        auto button = new QToolButton(this);
        button->setText(text);
        button->setAutoRaise(true);
        button->setEnabled(!current);
        connect(button, &QToolButton::clicked, m_document,
                [this, target] { m_document->setFocusRoot(target); });
        m_layout->addWidget(button);
    };
    addCrumb(tr("Whole organisation"), NoRole, false);
    for (const RoleIndex role : chain) {
        m_layout->addWidget(new QLabel(QStringLiteral("›"), this));
        addCrumb(QString::fromStdString(m_document->model().role(role).title), role, role == focus);
    }
    m_layout->addStretch(1);
}

} // namespace rolescope
