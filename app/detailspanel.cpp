#include "app/detailspanel.h"

#include "app/cardpainter.h"
#include "app/departmentcolors.h"
#include "app/document.h"

#include <QUrl>

namespace rolescope {

namespace {

const QString RoleScheme = QStringLiteral("role");

QString html(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).toHtmlEscaped();
}

QString roleLink(const Model &model, RoleIndex role)
{
    return QStringLiteral("<a href=\"%1:%2\">%3</a>")
        .arg(RoleScheme)
        .arg(role)
        .arg(html(model.role(role).title));
}

} // namespace

DetailsPanel::DetailsPanel(Document *document, QWidget *parent)
    : QTextBrowser(parent)
    , m_document(document)
{
    setOpenLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() != RoleScheme)
            return;
        bool ok = false;
        const int role = url.path().toInt(&ok);
        if (ok && role >= 0 && role < m_document->model().roleCount())
            m_document->selectRole(role);
    });
    connect(document, &Document::selectionChanged, this, &DetailsPanel::showCurrent);
    connect(document, &Document::modelReset, this, &DetailsPanel::showCurrent);
    showCurrent();
}

void DetailsPanel::showCurrent()
{
    if (!m_document->hasModel()) {
        setHtml(tr("<p>No model loaded.</p>"));
        return;
    }
    const RoleIndex role = m_document->currentRole();
    setHtml(role == NoRole ? organizationHtml() : roleHtml(role));
}

QString DetailsPanel::organizationHtml() const
{
    const Model &model = m_document->model();
    int vacant = 0;
    int withoutDuties = 0;
    for (const Role &role : model.roles) {
        vacant += role.isVacant() ? 1 : 0;
        withoutDuties += role.responsibilities.empty() ? 1 : 0;
    }
    QString text = QStringLiteral("<h2>%1</h2>").arg(html(model.organization.name));
    if (!model.organization.description.empty())
        text += QStringLiteral("<p>%1</p>").arg(html(model.organization.description));
    text += tr("<p>%1 roles, %2 at the top, %3 vacant, %4 without duties.</p>")
                .arg(model.roleCount())
                .arg(model.topRoles().size())
                .arg(vacant)
                .arg(withoutDuties);
    text += tr("<p>Select a role in the chart or the outline to read its duties.</p>");
    return text;
}

QString DetailsPanel::roleHtml(RoleIndex index) const
{
    const Model &model = m_document->model();
    const Role &role = model.role(index);
    const QColor color = m_document->departmentColors().colorOf(role);

    QString text = QStringLiteral("<h2>%1</h2>").arg(html(role.title));
    text += QStringLiteral("<p><span style=\"color:%1\">&#9632;</span> %2 "
                           "<span style=\"color:gray\">&nbsp;id %3</span></p>")
                .arg(color.name(), html(model.departmentName(role)), html(role.id));
    text += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(role.holders.size() > 1 ? tr("Holders:") : tr("Holder:"),
                     role.isVacant() ? tr("<i>vacant</i>")
                                     : CardPainter::holdersText(role).toHtmlEscaped());

    const RoleIndex manager = model.parentOf(index);
    if (manager != NoRole)
        text += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Reports to:"), roleLink(model, manager));
    const std::vector<RoleIndex> dotted = model.dottedManagersOf(index);
    if (!dotted.empty()) {
        QStringList links;
        for (const RoleIndex other : dotted)
            links.append(roleLink(model, other));
        text += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Also reports to:"),
                                                          links.join(QStringLiteral(", ")));
    }
    const auto reports = model.childrenOf(index);
    if (!reports.empty()) {
        QStringList links;
        for (const RoleIndex report : reports)
            links.append(roleLink(model, report));
        text += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("Direct reports (%1):").arg(reports.size()),
                         links.join(QStringLiteral(", ")));
    }
    if (!role.summary.empty())
        text += QStringLiteral("<p>%1</p>").arg(html(role.summary));

    if (role.responsibilities.empty()) {
        text += tr("<h3>Responsibilities</h3><p><i>None listed.</i></p>");
    } else {
        text += QStringLiteral("<h3>%1</h3><ol>")
                    .arg(tr("Responsibilities (%1)").arg(role.responsibilities.size()));
        for (const Responsibility &duty : role.responsibilities) {
            text += QStringLiteral("<li>%1").arg(html(duty.text));
            if (!duty.tags.empty()) {
                QStringList tags;
                for (const std::string &tag : duty.tags)
                    tags.append(html(tag));
                text += QStringLiteral(" <span style=\"color:gray\">[%1]</span>")
                            .arg(tags.join(QStringLiteral(", ")));
            }
            text += QStringLiteral("</li>");
        }
        text += QStringLiteral("</ol>");
    }
    return text;
}

} // namespace rolescope
