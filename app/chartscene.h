#pragma once

#include "app/cardpainter.h"
#include "core/layout.h"

#include <QGraphicsScene>

#include <vector>

namespace rolescope {

class ConnectorItem;
class Document;
class RoleCardItem;

// The chart of a document: one card item per shown role, kept by RoleIndex, placed where
// core's layout puts it, plus connector items. It lays the chart out again whenever the
// document shows other roles, and needs no view: exports render it directly.
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
    // The card item of a shown role, else nullptr.
    RoleCardItem *cardItem(RoleIndex role) const;
    // In scene coordinates; empty when the role is not shown.
    QRectF cardRect(RoleIndex role) const;
    const std::vector<ConnectorItem *> &connectorItems() const { return m_connectors; }

    // Overlap tints by RoleIndex, painted as CardState::overlapTint; empty: no tint.
    void setCardTints(std::vector<double> tints);

    // Asks for the details of ROLE (a double-click on its card).
    void activateRole(RoleIndex role);

signals:
    // The cards were laid out again (a new model, collapse, focus or layout options).
    void layoutChanged();
    void roleActivated(RoleIndex role);

protected:
    bool event(QEvent *event) override;
    // A card's full title, holders and department, which the card may have had to elide.
    void helpEvent(QGraphicsSceneHelpEvent *event) override;

private:
    void rebuild();
    void relayout();
    void updateCardPainter();

    Document *m_document;
    LayoutOptions m_options;
    Layout m_layout;
    CardPainter m_painter;
    std::vector<RoleCardItem *> m_cards; // indexed by RoleIndex; nullptr when not shown
    std::vector<double> m_tints;

    std::vector<ConnectorItem *> m_connectors;
};

} // namespace rolescope
