#include "app/chartscene.h"

#include "app/connectoritem.h"
#include "app/document.h"
#include "app/rolecarditem.h"

#include <QEvent>
#include <QGraphicsSceneHelpEvent>
#include <QImage>
#include <QPalette>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <unordered_map>

namespace rolescope {

namespace {

constexpr qreal SceneMargin = 40;
// Items per group: the scene indexes and culls groups, then looks at a visible group's items
// one by one.
constexpr size_t GroupSize = 256;
// Connectors are grouped with others of about their width (a power of two of this), so that a
// few long lines of the upper levels do not stretch every group.
constexpr qreal NarrowConnector = 4096;
// Search hits and selected cards are painted at least this many pixels large from far away.
constexpr qreal MarkedBlockPixels = 2 * CardPainter::MinimumBlockPixels;

// Neighbouring cards or connectors under one parent that paints nothing. Qt is told that its
// items lie within its bounds (ItemContainsChildrenInShape), so it indexes the groups only,
// and skips a group out of view without looking at its items: a scene of 200,000 items costs
// seconds to index otherwise.
class ItemGroup : public QGraphicsItem
{
public:
    explicit ItemGroup(const QRectF &bounds)
        : m_bounds(bounds)
    {
        setFlag(ItemContainsChildrenInShape);
        setAcceptedMouseButtons(Qt::NoButton);
    }

    QRectF boundingRect() const override { return m_bounds; }
    // Not ItemHasNoContents: Qt tests the bounds only of an item that paints.
    void paint(QPainter *, const QStyleOptionGraphicsItem *, QWidget *) override {}

private:
    QRectF m_bounds;
};

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

RoleCardItem *ChartScene::cardItem(RoleIndex role)
{
    if (!isShown(role))
        return nullptr;
    makeItems(m_groups[static_cast<size_t>(m_groupOfCard[static_cast<size_t>(role)])]);
    return m_cards[static_cast<size_t>(role)];
}

const std::vector<ConnectorItem *> &ChartScene::connectorItems()
{
    for (Group &group : m_groups) {
        if (group.connectors)
            makeItems(group);
    }
    return m_connectors;
}

void ChartScene::makeItemsIn(const QRectF &rect)
{
    for (Group &group : m_groups) {
        if (!group.made && group.bounds.intersects(rect))
            makeItems(group);
    }
}

void ChartScene::makeItems(Group &group)
{
    if (group.made)
        return;
    group.made = true;
    for (size_t i = group.first; i < group.end; ++i) {
        QGraphicsItem *item = nullptr;
        if (group.connectors) {
            const size_t connector = m_groupedConnectors[i];
            m_connectors[connector] = new ConnectorItem(m_layout.connectors[connector]);
            item = m_connectors[connector];
        } else {
            const RoleIndex role = m_groupedCards[i];
            const LayoutRect &rect = m_layout.cards[static_cast<size_t>(role)];
            m_cards[static_cast<size_t>(role)] = new RoleCardItem(role, QSizeF(rect.width,
                                                                               rect.height));
            item = m_cards[static_cast<size_t>(role)];
            item->setPos(rect.x, rect.y);
        }
        item->setParentItem(group.item);
    }
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
    if (!m_sketchStale)
        m_sketch.setColors(sketchColors());
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
    m_painter = CardPainter(&model, m_document->departmentColors(),
                            CardStyle::fromPalette(palette()), m_options.orientation);
    setBackgroundBrush(palette().color(QPalette::Window));
    if (!m_sketchStale)
        m_sketch.setColors(sketchColors());
}

ChartSketch::Colors ChartScene::sketchColors() const
{
    ChartSketch::Colors colors;
    colors.connector = m_painter.style().connector.rgb();
    colors.dottedConnector = m_painter.style().dottedConnector.rgb();
    // The colour of each department, worked out once.
    auto departments = std::make_shared<std::unordered_map<std::string, QRgb>>();
    colors.card = [this, departments](RoleIndex role) {
        // Selection and search hits are painted over the sketch: they change without a layout.
        CardState state;
        if (static_cast<size_t>(role) < m_tints.size())
            state.overlapTint = m_tints[static_cast<size_t>(role)];
        if (state.overlapTint > 0)
            return m_painter.blockColor(role, state).rgb();
        const std::string &department = m_document->model().role(role).department;
        auto it = departments->find(department);
        if (it == departments->end())
            it = departments->emplace(department, m_painter.blockColor(role, state).rgb()).first;
        return it->second;
    };
    return colors;
}

void ChartScene::paintSketch(QImage &image, const QTransform &toImage, const QRect &area)
{
    if (m_sketchStale) {
        m_sketch.setLayout(m_layout, CardStyle::ConnectorWidth, sketchColors());
        m_sketchStale = false;
    }
    m_sketch.paint(image, toImage, area);
    const qreal minimum = MarkedBlockPixels * image.devicePixelRatio();
    for (const RoleIndex role : m_document->searchMatches()) {
        if (isShown(role)) {
            ChartSketch::paintBlock(image, toImage, area, m_layout.cards[static_cast<size_t>(role)],
                                    m_painter.blockColor(role, cardState(role)).rgb(), minimum);
        }
    }
    for (const RoleIndex role : m_document->selectedRoles()) {
        if (isShown(role)) {
            ChartSketch::paintBlock(image, toImage, area, m_layout.cards[static_cast<size_t>(role)],
                                    m_painter.style().highlight.rgb(), minimum);
        }
    }
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
        m_cards.clear();
        m_connectors.clear();
        m_groups.clear();
        m_groupOfCard.clear();
        m_sketchStale = true;
        setSceneRect(QRectF());
        emit layoutChanged();
        return;
    }
    // The old items go all at once, and new ones are made as they come into view; a click
    // that collapses a card queues the change, so no item deletes itself.
    clear();
    m_groups.clear();
    LayoutScope scope;
    scope.root = m_document->focusRoot();
    scope.collapsed = m_document->collapsedRoles();
    m_layout = computeLayout(model, m_options, scope);

    m_sketchStale = true;
    groupItems();

    const LayoutRect &bounds = m_layout.bounds;
    setSceneRect(QRectF(bounds.x, bounds.y, bounds.width, bounds.height)
                     .adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin));
    update();
    emit layoutChanged();
}

void ChartScene::groupItems()
{
    const size_t roleCount = static_cast<size_t>(m_document->model().roleCount());
    m_cards.assign(roleCount, nullptr);
    m_connectors.assign(m_layout.connectors.size(), nullptr);
    m_groupOfCard.assign(roleCount, -1);
    const auto addGroup = [this](const QRectF &bounds, size_t first, size_t end, bool connectors) {
        Group group;
        group.item = new ItemGroup(bounds);
        group.bounds = bounds;
        group.first = first;
        group.end = end;
        group.connectors = connectors;
        if (connectors)
            group.item->setZValue(-1); // under the cards
        addItem(group.item);
        m_groups.push_back(group);
    };

    // Groups are slices across the chart's levels: the items of a group are neighbours along
    // the levels (x when the chart grows downwards, y when it grows to the right).
    const bool topDown = m_options.orientation == Orientation::TopDown;
    const auto along = [topDown](double x, double y) { return topDown ? x : y; };
    m_groupedCards = m_layout.shown;
    std::stable_sort(m_groupedCards.begin(), m_groupedCards.end(), [&](RoleIndex a, RoleIndex b) {
        const LayoutRect &ra = m_layout.cards[static_cast<size_t>(a)];
        const LayoutRect &rb = m_layout.cards[static_cast<size_t>(b)];
        return along(ra.x, ra.y) < along(rb.x, rb.y);
    });
    for (size_t first = 0; first < m_groupedCards.size(); first += GroupSize) {
        const size_t end = std::min(m_groupedCards.size(), first + GroupSize);
        QRectF bounds;
        for (size_t i = first; i < end; ++i) {
            bounds |= m_painter.paintedRect(cardRect(m_groupedCards[i]));
            m_groupOfCard[static_cast<size_t>(m_groupedCards[i])] = int(m_groups.size());
        }
        addGroup(bounds, first, end, false);
    }

    // By length along the levels (in powers of two), then by the middle of the line.
    m_groupedConnectors.resize(m_layout.connectors.size());
    std::iota(m_groupedConnectors.begin(), m_groupedConnectors.end(), size_t(0));
    std::vector<int> classes(m_groupedConnectors.size(), 0);
    std::vector<double> middles(m_groupedConnectors.size(), 0);
    std::vector<QRectF> lineBounds(m_groupedConnectors.size());
    for (size_t i = 0; i < m_groupedConnectors.size(); ++i) {
        const ConnectorPoints &points = m_layout.connectors[i].points;
        if (points.empty())
            continue;
        const double from = along(points.front().x, points.front().y);
        const double to = along(points.back().x, points.back().y);
        const double length = std::abs(to - from);
        classes[i] = length <= NarrowConnector ? 0 : 1 + int(std::log2(length / NarrowConnector));
        middles[i] = (from + to) / 2;
        lineBounds[i] = CardStyle::connectorBounds(m_layout.connectors[i]);
    }
    std::stable_sort(m_groupedConnectors.begin(), m_groupedConnectors.end(),
                     [&](size_t a, size_t b) {
                         return classes[a] != classes[b] ? classes[a] < classes[b]
                                                         : middles[a] < middles[b];
                     });
    for (size_t first = 0; first < m_groupedConnectors.size();) {
        const int lineClass = classes[m_groupedConnectors[first]];
        size_t end = first;
        QRectF bounds;
        while (end < m_groupedConnectors.size() && end - first < GroupSize
               && classes[m_groupedConnectors[end]] == lineClass) {
            bounds |= lineBounds[m_groupedConnectors[end]];
            ++end;
        }
        addGroup(bounds, first, end, true);
        first = end;
    }
}

} // namespace rolescope
