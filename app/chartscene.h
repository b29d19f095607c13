#pragma once

#include "app/cardpainter.h"
#include "app/chartsketch.h"
#include "core/layout.h"

#include <QGraphicsScene>

#include <vector>

namespace rolescope {

class ConnectorItem;
class Document;
class RoleCardItem;

// The chart of a document: one card item per shown role, kept by RoleIndex, placed where
// core's layout puts it, plus connector items, both made as they come into view. It lays the
// chart out again whenever the document shows other roles.
class ChartScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit ChartScene(Document *document, QObject *parent = nullptr);
    ~ChartScene() override;

    Document *document() const { return m_document; }
    const Layout &layout() const { return m_layout; }
    const LayoutOptions &layoutOptions() const { return m_options; }
    void setLayoutOptions(const LayoutOptions &options);
    const CardPainter &cardPainter() const { return m_painter; }

    CardState cardState(RoleIndex role) const;
    bool isShown(RoleIndex role) const;
    // Card and connector items are made when first needed, a few hundred neighbours at a
    // time: a layout of 100,000 roles would otherwise replace 200,000 items at every click.
    // The view asks for the items in what it paints and under the pointer.
    void makeItemsIn(const QRectF &rect);
    // The card item of a shown role (made if need be), else nullptr.
    RoleCardItem *cardItem(RoleIndex role);
    // In scene coordinates; empty when the role is not shown.
    QRectF cardRect(RoleIndex role) const;
    // Every connector's item, all made.
    const std::vector<ConnectorItem *> &connectorItems();

    // Overlap tints by RoleIndex, painted as CardState::overlapTint; empty: no tint.
    void setCardTints(std::vector<double> tints);

    // Asks for the details of ROLE (a double-click on its card).
    void activateRole(RoleIndex role);

    // Paints AREA of IMAGE (opaque) as the chart looks from far away, where every card is a
    // block (CardPainter::isBlockScale), without asking Qt to paint each item: the layout's
    // cards and connectors, then search hits and selected cards, which stay at least a few
    // pixels large. TOIMAGE maps scene coordinates to IMAGE's pixels (scale and translation).
    void paintSketch(QImage &image, const QTransform &toImage, const QRect &area);

signals:
    // The cards were laid out again (a new model, collapse, focus or layout options).
    void layoutChanged();
    void roleActivated(RoleIndex role);

protected:
    bool event(QEvent *event) override;
    // A card's full title, holders and department, which the card may have had to elide.
    void helpEvent(QGraphicsSceneHelpEvent *event) override;

private:
    // Neighbouring cards or connectors, by position along the levels, under one parent item.
    struct Group
    {
        QGraphicsItem *item = nullptr;
        QRectF bounds;
        size_t first = 0; // into m_groupedCards or m_groupedConnectors
        size_t end = 0;
        bool connectors = false;
        bool made = false;
    };

    void rebuild();
    void relayout();
    void groupItems();
    void makeItems(Group &group);
    void updateCardPainter();
    ChartSketch::Colors sketchColors() const;

    Document *m_document;
    LayoutOptions m_options;
    Layout m_layout;
    CardPainter m_painter;
    std::vector<RoleCardItem *> m_cards; // indexed by RoleIndex; nullptr when not made
    std::vector<double> m_tints;

    std::vector<ConnectorItem *> m_connectors; // as layout().connectors; nullptr when not made
    std::vector<Group> m_groups;
    std::vector<RoleIndex> m_groupedCards;
    std::vector<size_t> m_groupedConnectors;
    std::vector<int> m_groupOfCard; // by RoleIndex: index into m_groups, -1 when not shown
    ChartSketch m_sketch;
    bool m_sketchStale = true; // made when first painted after a layout
};

} // namespace rolescope
