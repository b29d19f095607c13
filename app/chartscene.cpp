#include "app/chartscene.h"

#include "app/connectoritem.h"
#include "app/document.h"
#include "app/rolecarditem.h"

#include <QEvent>
#include <QGraphicsSceneHelpEvent>
#include <QPalette>
#include <QToolTip>

namespace rolescope {

namespace {

constexpr qreal SceneMargin = 40;

} // namespace

ChartScene::ChartScene(Document *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
{
    updateCardPainter();
    connect(document, &Document::modelReset, this, &ChartScene::rebuild);
    connect(document, &Document::visibilityChanged, this, &ChartScene::relayout);
    connect(document, &Document::selectionChanged, this, [this] { update(); });
    connect(document, &Document::searchChanged, this, [this] { update(); });
    rebuild();
}

ChartScene::~ChartScene()
{
    // Items ask the scene for their painter while being removed; remove them while it exists.
    clear();
}

void ChartScene::setLayoutOptions(const LayoutOptions &options)
{
    m_options = options;
    rebuild();
}

CardState ChartScene::cardState(RoleIndex role) const
{
    CardState state;
    state.selected = m_document->isSelected(role);
    state.searchMatch = m_document->isSearchMatch(role);
    state.hasReports = !m_document->model().childrenOf(role).empty();
    state.collapsed = state.hasReports && m_layout.hiddenBelow[static_cast<size_t>(role)] > 0;
    state.hiddenBelow = m_layout.hiddenBelow[static_cast<size_t>(role)];
    if (static_cast<size_t>(role) < m_tints.size())
        state.overlapTint = m_tints[static_cast<size_t>(role)];
    return state;
}

bool ChartScene::isShown(RoleIndex role) const
{
    return role >= 0 && static_cast<size_t>(role) < m_layout.cards.size() && m_layout.isShown(role);
}

RoleCardItem *ChartScene::cardItem(RoleIndex role) const
{
    return isShown(role) ? m_cards[static_cast<size_t>(role)] : nullptr;
}

QRectF ChartScene::cardRect(RoleIndex role) const
{
    if (!isShown(role))
        return {};
    const LayoutRect &rect = m_layout.cards[static_cast<size_t>(role)];
    return QRectF(rect.x, rect.y, rect.width, rect.height);
}

void ChartScene::setCardTints(std::vector<double> tints)
{
    m_tints = std::move(tints);
    update();
}

void ChartScene::activateRole(RoleIndex role)
{
    emit roleActivated(role);
}

bool ChartScene::event(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        updateCardPainter();
        update();
    }
    return QGraphicsScene::event(event);
}

void ChartScene::helpEvent(QGraphicsSceneHelpEvent *event)
{
    const RoleCardItem *card = nullptr;
    for (QGraphicsItem *item : items(event->scenePos())) {
        if ((card = qgraphicsitem_cast<RoleCardItem *>(item)))
            break;
    }
    if (!card) {
        QToolTip::hideText();
        return;
    }
    const Model &model = m_document->model();
    const Role &role = model.role(card->role());
    QString text = QStringLiteral("<b>%1</b><br>%2")
                       .arg(QString::fromStdString(role.title).toHtmlEscaped(),
                            CardPainter::holdersText(role).toHtmlEscaped());
    const std::string department = model.departmentName(role);
    if (!department.empty())
        text += QStringLiteral("<br>") + QString::fromStdString(department).toHtmlEscaped();
    text += QStringLiteral("<br>") + CardPainter::dutiesText(role);
    QToolTip::showText(event->screenPos(), text, event->widget());
    event->accept();
}

void ChartScene::updateCardPainter()
{
    const Model &model = m_document->model();
    m_painter = CardPainter(&model, DepartmentColors(model), CardStyle::fromPalette(palette()),
                            m_options.orientation);
    setBackgroundBrush(palette().color(QPalette::Window));
}

void ChartScene::rebuild()
{
    updateCardPainter();
    relayout();
}

void ChartScene::relayout()
{
    const Model &model = m_document->model();
    if (!m_document->hasModel()) {
        clear();
        m_layout = Layout();
        setSceneRect(QRectF());
        emit layoutChanged();
        return;
    }
    // Starting from an empty scene is cheaper than moving, hiding and deleting items one by
    // one; a click that collapses a card queues the change, so no item deletes itself.
    clear();
    LayoutScope scope;
    scope.root = m_document->focusRoot();
    scope.collapsed = m_document->collapsedRoles();
    m_layout = computeLayout(model, m_options, scope);

    m_cards.assign(static_cast<size_t>(model.roleCount()), nullptr);
    m_connectors.clear();
    for (const RoleIndex role : m_layout.shown) {
        const LayoutRect &rect = m_layout.cards[static_cast<size_t>(role)];
        auto item = new RoleCardItem(role, QSizeF(rect.width, rect.height));
        item->setPos(rect.x, rect.y);
        addItem(item);
        m_cards[static_cast<size_t>(role)] = item;
    }
    m_connectors.reserve(m_layout.connectors.size());
    for (const LayoutConnector &connector : m_layout.connectors) {
        auto item = new ConnectorItem(connector);
        addItem(item);
        m_connectors.push_back(item);
    }

    const LayoutRect &bounds = m_layout.bounds;
    setSceneRect(QRectF(bounds.x, bounds.y, bounds.width, bounds.height)
                     .adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin));
    update();
    emit layoutChanged();
}

} // namespace rolescope
