#include "app/comparisonview.h"

#include "app/departmentcolors.h"
#include "app/document.h"
#include "app/overlapanalysis.h"
#include "app/overlapcolors.h"

#include <QApplication>
#include <QDrag>
#include <QDropEvent>
#include <QGridLayout>
#include <QMimeData>
#include <QHBoxLayout>
#include <QPainter>
#include <QScrollArea>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace rolescope {

namespace {

constexpr int ColumnMinimumWidth = 220;
constexpr int StripeWidth = 4;
constexpr qreal Radius = 4;

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString reasonText(MatchReason reason)
{
    switch (reason) {
    case MatchReason::SameTag:
        return ComparisonView::tr("same tag");
    case MatchReason::SameText:
        return ComparisonView::tr("same wording");
    case MatchReason::SharedTerms:
        return ComparisonView::tr("shared terms");
    case MatchReason::Synonym:
        return ComparisonView::tr("synonym");
    }
    return {};
}

QLabel *mutedLabel(const QString &text)
{
    auto label = new QLabel(text);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setWordWrap(true);
    return label;
}

} // namespace

DutyLabel::DutyLabel(const QString &text, int group, int color, QWidget *parent)
    : QLabel(text, parent)
    , m_group(group)
    , m_color(color)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    setContentsMargins(StripeWidth + 8, 5, 6, 5);
    if (group >= 0)
        m_accent = OverlapColors::accent(color);
}

void DutyLabel::paintEvent(QPaintEvent *event)
{
    if (m_accent.isValid()) {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(OverlapColors::fill(m_color, palette()));
        painter.drawRoundedRect(QRectF(rect()), Radius, Radius);
        painter.setBrush(m_accent);
        painter.drawRoundedRect(QRectF(0, 0, StripeWidth, height()), 2, 2);
    }
    QLabel::paintEvent(event);
}

ComparisonView::ComparisonView(OverlapAnalysis *analysis, QWidget *parent)
    : QWidget(parent)
    , m_analysis(analysis)
    , m_scrollArea(new QScrollArea)
{
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_scrollArea->setWidgetResizable(true);
    m_scrollArea->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_scrollArea);
    connect(analysis, &OverlapAnalysis::changed, this, &ComparisonView::onModelReset);
    connect(analysis, &OverlapAnalysis::resultReady, this, &ComparisonView::rebuild);
    rebuild();
}

void ComparisonView::setRoles(const std::vector<RoleIndex> &roles)
{
    const Model &model = m_analysis->document()->model();
    std::vector<RoleIndex> shown;
    for (const RoleIndex role : roles) {
        if (role >= 0 && role < model.roleCount() && shown.size() < MaxColumns
            && std::find(shown.begin(), shown.end(), role) == shown.end()) {
            shown.push_back(role);
        }
    }
    if (shown == m_roles)
        return;
    m_roles = std::move(shown);
    m_roleIds.clear();
    for (const RoleIndex role : m_roles)
        m_roleIds.push_back(model.role(role).id);
    rebuild();
    emit rolesChanged();
}

void ComparisonView::addRole(RoleIndex role)
{
    std::vector<RoleIndex> roles = m_roles;
    roles.push_back(role);
    setRoles(roles);
}

void ComparisonView::closeColumn(int column)
{
    if (column < 0 || column >= static_cast<int>(m_roles.size()))
        return;
    std::vector<RoleIndex> roles = m_roles;
    roles.erase(roles.begin() + column);
    setRoles(roles);
}

void ComparisonView::moveColumn(int from, int to)
{
    const int count = static_cast<int>(m_roles.size());
    if (from < 0 || from >= count || to < 0 || to >= count || from == to)
        return;
    std::vector<RoleIndex> roles = m_roles;
    const RoleIndex moved = roles[static_cast<size_t>(from)];
    roles.erase(roles.begin() + from);
    roles.insert(roles.begin() + to, moved);
    setRoles(roles);
}

QImage ComparisonView::renderImage(qreal scale) const
{
    QImage image(m_content->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(m_content->palette().color(QPalette::Base));
    m_content->render(&image);
    return image;
}

void ComparisonView::onModelReset()
{
    // Indexes change when roles are added or moved; the ids say which roles are still there.
    const Model &model = m_analysis->document()->model();
    std::vector<RoleIndex> roles;
    std::vector<std::string> ids;
    for (const std::string &id : m_roleIds) {
        const RoleIndex role = m_analysis->document()->hasModel() ? model.find(id) : NoRole;
        if (role != NoRole) {
            roles.push_back(role);
            ids.push_back(id);
        }
    }
    const bool changed = roles != m_roles || ids != m_roleIds;
    m_roles = std::move(roles);
    m_roleIds = std::move(ids);
    rebuild();
    if (changed)
        emit rolesChanged();
}

QString ComparisonView::title(RoleIndex role) const
{
    return fromStd(m_analysis->document()->model().role(role).title);
}

QString ComparisonView::columnTitle(int column) const
{
    return title(m_roles[static_cast<size_t>(column)]);
}

QList<DutyLabel *> ComparisonView::dutyLabels(int column) const
{
    const auto &labels = m_labels[static_cast<size_t>(column)];
    return QList<DutyLabel *>(labels.begin(), labels.end());
}

QStringList ComparisonView::summaryLines() const
{
    return m_summaryLines;
}

QString ComparisonView::summaryText(const PairSummary &summary) const
{
    return tr("%1 shared · %2 only %3 · %4 only %5")
        .arg(summary.shared)
        .arg(summary.onlyLeft)
        .arg(columnTitle(summary.left))
        .arg(summary.onlyRight)
        .arg(columnTitle(summary.right));
}

QString ComparisonView::matchesToolTip(int column, int duty) const
{
    const Model &model = m_analysis->document()->model();
    QString html;
    for (const DutyMatch &match : m_comparison.matchesOf(column, duty)) {
        const Role &other = model.role(m_roles[static_cast<size_t>(match.column)]);
        QStringList terms;
        for (const std::string_view term : match.terms)
            terms.append(QString::fromUtf8(term.data(), static_cast<qsizetype>(term.size())).toHtmlEscaped());
        html += tr("<p><b>%1</b>: “%2”<br>score %3 · %4: <i>%5</i></p>")
                    .arg(fromStd(other.title).toHtmlEscaped(),
                         fromStd(other.responsibilities[static_cast<size_t>(match.duty)].text)
                             .toHtmlEscaped(),
                         QString::number(match.score, 'f', 2), reasonText(match.reason),
                         terms.join(QStringLiteral(", ")));
    }
    return html;
}

QWidget *ComparisonView::createHeader(int column)
{
    const Model &model = m_analysis->document()->model();
    const Role &role = model.role(m_roles[static_cast<size_t>(column)]);
    const int count = static_cast<int>(m_roles.size());

    auto header = new QWidget;
    // Dragging a header moves its column; the buttons do the same from the keyboard.
    header->setCursor(Qt::OpenHandCursor);
    header->setToolTip(tr("Drag to move the column"));
    header->installEventFilter(this);
    auto layout = new QGridLayout(header);
    layout->setContentsMargins(0, 0, 0, 4);
    layout->setVerticalSpacing(2);
    auto band = new QWidget;
    band->setFixedHeight(4);
    band->setAutoFillBackground(true);
    QPalette bandPalette = band->palette();
    bandPalette.setColor(QPalette::Window,
                         m_analysis->document()->departmentColors().colorOf(role));
    band->setPalette(bandPalette);
    layout->addWidget(band, 0, 0, 1, 4);

    auto titleLabel = new QLabel(fromStd(role.title));
    QFont titleFont = titleLabel->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleLabel->setFont(titleFont);
    titleLabel->setWordWrap(true);
    layout->addWidget(titleLabel, 1, 0);

    const auto addButton = [&](const QString &text, const QString &toolTip, bool enabled,
                               int at, auto slot) {
        auto button = new QToolButton;
        button->setText(text);
        button->setToolTip(toolTip);
        button->setAccessibleName(toolTip);
        button->setAutoRaise(true);
        button->setCursor(Qt::ArrowCursor);
        button->setEnabled(enabled);
        connect(button, &QToolButton::clicked, this, slot);
        layout->addWidget(button, 1, at);
    };
    addButton(QStringLiteral("◀"), tr("Move Left"), column > 0, 1,
              [this, column] { moveColumn(column, column - 1); });
    addButton(QStringLiteral("▶"), tr("Move Right"), column + 1 < count, 2,
              [this, column] { moveColumn(column, column + 1); });
    addButton(QStringLiteral("✕"), tr("Close Column"), true, 3,
              [this, column] { closeColumn(column); });

    QStringList details;
    const std::string department = model.departmentName(role);
    if (!department.empty())
        details.append(fromStd(department));
    QStringList holders;
    for (const std::string &holder : role.holders)
        holders.append(fromStd(holder));
    details.append(holders.isEmpty() ? tr("Vacant") : holders.join(QStringLiteral(", ")));
    details.append(role.responsibilities.size() == 1
                       ? tr("1 duty")
                       : tr("%1 duties").arg(role.responsibilities.size()));
    layout->addWidget(mutedLabel(details.join(QStringLiteral(" · "))), 2, 0, 1, 4);
    layout->setColumnStretch(0, 1);
    return header;
}

QWidget *ComparisonView::createDutyList(int column, const std::vector<int> &duties, int group)
{
    const Role &role = m_analysis->document()->model().role(m_roles[static_cast<size_t>(column)]);
    auto list = new QWidget;
    auto layout = new QVBoxLayout(list);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    for (const int duty : duties) {
        const int color = group >= 0 ? m_comparison.groups()[static_cast<size_t>(group)].color : 0;
        auto label = new DutyLabel(fromStd(role.responsibilities[static_cast<size_t>(duty)].text),
                                   group, color);
        if (group >= 0)
            label->setToolTip(matchesToolTip(column, duty));
        layout->addWidget(label);
        m_labels[static_cast<size_t>(column)].push_back(label);
    }
    layout->addStretch(1);
    return list;
}

void ComparisonView::rebuild()
{
    const Document *document = m_analysis->document();
    m_comparison = document->hasModel() && !m_roles.empty()
                       ? DutyComparison(document->model(), m_analysis->resultAmong(m_roles),
                                        m_roles)
                       : DutyComparison();
    m_labels.assign(m_roles.size(), {});
    m_headers.clear();
    m_pressColumn = -1;
    // The old content may be handling the click or drop that led here: delete it afterwards.
    if (QWidget *old = m_scrollArea->takeWidget())
        old->deleteLater();
    m_summaryLines.clear();

    m_content = new QWidget;
    m_content->setAcceptDrops(true);
    m_content->installEventFilter(this);
    m_content->setBackgroundRole(QPalette::Base);
    m_content->setAutoFillBackground(true);
    auto layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(8);

    if (m_roles.size() < 2) {
        layout->addWidget(mutedLabel(
            m_roles.empty()
                ? tr("Ctrl+click two to four roles in the chart or the outline to compare their "
                     "duties, or choose “Compare with…” in a role's context menu.")
                : tr("Ctrl+click another role, or choose “Compare with…” in a role's context "
                     "menu, to compare it with %1.")
                      .arg(columnTitle(0))));
    }
    if (m_roles.size() >= 2 && m_analysis->isPendingAmong(m_roles)) {
        layout->addWidget(mutedLabel(tr("Still finding overlapping duties in this large model; "
                                        "shared duties are marked when that is done.")));
    }
    for (const PairSummary &summary : m_comparison.pairSummaries()) {
        m_summaryLines.append(summaryText(summary));
        auto label = new QLabel(m_summaryLines.back());
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(label);
    }

    auto grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(6);
    layout->addLayout(grid);
    layout->addStretch(1);
    const int columns = static_cast<int>(m_roles.size());
    int row = 0;
    for (int column = 0; column < columns; ++column) {
        m_headers.push_back(createHeader(column));
        grid->addWidget(m_headers.back(), row, column);
        grid->setColumnStretch(column, 1);
        grid->setColumnMinimumWidth(column, ColumnMinimumWidth);
    }
    ++row;

    const auto &groups = m_comparison.groups();
    if (!groups.empty()) {
        grid->addWidget(mutedLabel(tr("Shared work (%1)").arg(groups.size())), row++, 0, 1,
                        columns);
    }
    for (size_t group = 0; group < groups.size(); ++group, ++row) {
        for (int column = 0; column < columns; ++column) {
            const std::vector<int> &duties = groups[group].duties[static_cast<size_t>(column)];
            if (duties.empty())
                grid->addWidget(mutedLabel(QStringLiteral("—")), row, column, Qt::AlignTop);
            else
                grid->addWidget(createDutyList(column, duties, static_cast<int>(group)), row, column);
        }
    }
    for (int column = 0; column < columns; ++column) {
        const int unique = static_cast<int>(m_comparison.uniqueDuties(column).size());
        const QString heading = columns < 2 ? tr("Duties (%1)").arg(unique)
                                            : tr("Only %1 (%2)").arg(columnTitle(column)).arg(unique);
        auto label = mutedLabel(heading);
        label->setContentsMargins(0, groups.empty() ? 0 : 8, 0, 0);
        grid->addWidget(label, row, column);
        grid->addWidget(createDutyList(column, m_comparison.uniqueDuties(column), -1), row + 1,
                        column);
    }
    m_scrollArea->setWidget(m_content);
}

void ComparisonView::startDrag(int column)
{
    if (column >= static_cast<int>(m_headers.size()))
        return;
    auto mime = new QMimeData;
    mime->setData(QLatin1String(ColumnMimeType), QByteArray::number(column));
    auto drag = new QDrag(this);
    drag->setMimeData(mime);
    drag->setPixmap(m_headers[static_cast<size_t>(column)]->grab());
    drag->setHotSpot(m_pressPos);
    drag->exec(Qt::MoveAction);
}

int ComparisonView::columnAt(int x) const
{
    int best = -1;
    int bestDistance = 0;
    for (size_t column = 0; column < m_headers.size(); ++column) {
        const QRect rect(m_headers[column]->mapTo(m_content, QPoint()), m_headers[column]->size());
        const int distance = x < rect.left() ? rect.left() - x : std::max(0, x - rect.right());
        if (best < 0 || distance < bestDistance) {
            best = static_cast<int>(column);
            bestDistance = distance;
        }
    }
    return best;
}

bool ComparisonView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_content) {
        switch (event->type()) {
        case QEvent::DragEnter:
        case QEvent::DragMove: {
            auto drag = static_cast<QDropEvent *>(event);
            if (drag->mimeData()->hasFormat(QLatin1String(ColumnMimeType)))
                drag->acceptProposedAction();
            return true;
        }
        case QEvent::Drop: {
            auto drop = static_cast<QDropEvent *>(event);
            if (!drop->mimeData()->hasFormat(QLatin1String(ColumnMimeType)))
                return false;
            drop->acceptProposedAction();
            moveColumn(drop->mimeData()->data(QLatin1String(ColumnMimeType)).toInt(),
                       columnAt(drop->position().toPoint().x()));
            return true;
        }
        default:
            return false;
        }
    }
    const auto header = std::find(m_headers.begin(), m_headers.end(), watched);
    if (header == m_headers.end())
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::MouseButtonPress) {
        auto mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton) {
            m_pressPos = mouse->position().toPoint();
            m_pressColumn = static_cast<int>(header - m_headers.begin());
            return true;
        }
    } else if (event->type() == QEvent::MouseMove && m_pressColumn >= 0) {
        auto mouse = static_cast<QMouseEvent *>(event);
        if ((mouse->position().toPoint() - m_pressPos).manhattanLength()
            >= QApplication::startDragDistance()) {
            const int column = m_pressColumn;
            m_pressColumn = -1;
            // The drop rebuilds the columns, this header included: drag from the event loop,
            // not from inside the header's own event.
            QMetaObject::invokeMethod(this, [this, column] { startDrag(column); },
                                      Qt::QueuedConnection);
            return true;
        }
    } else if (event->type() == QEvent::MouseButtonRelease) {
        m_pressColumn = -1;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace rolescope
