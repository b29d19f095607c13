#include "app/overlapcontroller.h"

#include "app/chartscene.h"
#include "app/chartview.h"
#include "app/comparisonview.h"
#include "app/document.h"
#include "app/outlineview.h"
#include "app/overlapanalysis.h"
#include "app/overlapdock.h"
#include "app/overlaplegend.h"
#include "app/roletreemodel.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QMenu>
#include <QTimer>

#include <algorithm>

namespace rolescope {

namespace {

constexpr int CompareMenuRoles = 8;
constexpr int LegendMargin = 12;
constexpr int LegendPadding = 4; // above and below the legend, in its strip above the chart

QString titleOf(const Model &model, RoleIndex role)
{
    const std::string &title = model.role(role).title;
    return QString::fromUtf8(title.data(), static_cast<qsizetype>(title.size()));
}

} // namespace

OverlapController::OverlapController(Document *document, ChartView *chartView,
                                     OutlineView *outline, QMainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_chartView(chartView)
    , m_analysis(new OverlapAnalysis(document, this))
    , m_comparison(new ComparisonView(m_analysis))
    , m_overlaps(new OverlapDock(m_analysis))
    , m_legend(new OverlapLegend(chartView))
    , m_findingTimer(new QTimer(this))
    , m_comparisonDock(new QDockWidget(tr("Compare"), window))
    , m_overlapDock(new QDockWidget(tr("Overlaps"), window))
    , m_compareAction(new QAction(tr("&Compare Selected Roles"), this))
    , m_tintAction(new QAction(tr("&Who Else Does This?"), this))
{
    // Both below the chart, the list of pairs left of the comparison it opens: the columns
    // and the titles in the list need the window's width more than its height.
    m_overlapDock->setObjectName(QStringLiteral("overlapDock"));
    m_overlapDock->setWidget(m_overlaps);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_overlapDock);
    m_comparisonDock->setObjectName(QStringLiteral("comparisonDock"));
    m_comparisonDock->setWidget(m_comparison);
    window->splitDockWidget(m_overlapDock, m_comparisonDock, Qt::Horizontal);
    m_overlapDock->hide();
    m_comparisonDock->hide();

    m_compareAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
    m_compareAction->setToolTip(tr("Show the duties of the selected roles side by side "
                                   "(Ctrl+click roles to select several)"));
    m_compareAction->setEnabled(false);
    connect(m_compareAction, &QAction::triggered, this, [this] {
        compare(m_document->selectedRoles());
    });
    m_tintAction->setCheckable(true);
    m_tintAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_O);
    m_tintAction->setIconText(tr("Who Else"));
    m_tintAction->setToolTip(tr("Tint every card by how much of the selected role's work it "
                                "also does"));
    connect(m_tintAction, &QAction::toggled, this, &OverlapController::updateTint);

    m_legend->hide();
    chartView->installEventFilter(this);
    // The analysis only says when it is done; how far it has got is read as it goes.
    m_findingTimer->setInterval(100);
    connect(m_findingTimer, &QTimer::timeout, this, &OverlapController::showFindingProgress);

    connect(document, &Document::selectionChanged, this, &OverlapController::onSelectionChanged);
    connect(m_analysis, &OverlapAnalysis::changed, this, &OverlapController::updateTint);
    connect(m_analysis, &OverlapAnalysis::resultReady, this, &OverlapController::updateTint);
    connect(m_comparison, &ComparisonView::rolesChanged, this, [this] {
        QStringList titles;
        for (int column = 0; column < static_cast<int>(m_comparison->roles().size()); ++column)
            titles.append(m_comparison->columnTitle(column));
        m_comparisonDock->setWindowTitle(titles.isEmpty() ? tr("Compare")
                                                          : tr("Compare: %1")
                                                                .arg(titles.join(tr(" · "))));
    });
    connect(m_overlaps, &OverlapDock::compareRequested, this,
            [this](RoleIndex a, RoleIndex b) { compare({a, b}); });
    connect(chartView, &ChartView::roleMenuRequested, this, &OverlapController::addRoleActions);

    outline->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(outline, &QWidget::customContextMenuRequested, this, [this, outline](const QPoint &at) {
        const QModelIndex index = outline->indexAt(at);
        if (!index.isValid())
            return;
        QMenu menu(outline);
        addRoleActions(&menu, RoleTreeModel::roleForIndex(index));
        menu.exec(outline->viewport()->mapToGlobal(at));
    });
    updateTint();
}

void OverlapController::showOverlapDock()
{
    if (m_overlapDock->isHidden()) {
        m_overlapDock->show();
        if (!m_overlapDock->isFloating())
            m_window->resizeDocks({m_overlapDock}, {m_window->height() / 3}, Qt::Vertical);
    }
    m_overlapDock->raise();
}

void OverlapController::compare(const std::vector<RoleIndex> &roles)
{
    m_comparison->setRoles(roles);
    showComparisonDock();
}

void OverlapController::showComparisonDock()
{
    if (m_comparisonDock->isHidden()) {
        m_comparisonDock->show();
        // Side by side columns need room: half the window, where the chart stays in view.
        if (!m_comparisonDock->isFloating())
            m_window->resizeDocks({m_comparisonDock}, {m_window->height() / 2}, Qt::Vertical);
        // Beside the list of pairs, the columns get most of the width.
        if (m_overlapDock->isVisible() && !m_overlapDock->isFloating()
            && !m_comparisonDock->isFloating()) {
            const int width = m_window->width();
            m_window->resizeDocks({m_overlapDock, m_comparisonDock}, {width / 3, width * 2 / 3},
                                  Qt::Horizontal);
        }
    }
    m_comparisonDock->raise();
}

void OverlapController::onSelectionChanged()
{
    // Ctrl+clicking a second, third or fourth role compares them at once.
    const std::vector<RoleIndex> &selected = m_document->selectedRoles();
    m_compareAction->setEnabled(selected.size() >= 2);
    if (selected.size() >= 2)
        compare(selected);
    updateTint();
}

void OverlapController::addRoleActions(QMenu *menu, RoleIndex role)
{
    if (!m_document->hasModel() || role == NoRole)
        return;
    const Model &model = m_document->model();
    menu->addSeparator();
    const std::vector<RoleIndex> &selected = m_document->selectedRoles();
    if (selected.size() >= 2 && m_document->isSelected(role)) {
        menu->addAction(tr("Compare Selected Roles (%1)").arg(selected.size()), this,
                        [this] { compare(m_document->selectedRoles()); });
    }

    QMenu *with = menu->addMenu(tr("Compare &with…"));
    const std::vector<double> scores = m_analysis->scoresAgainst(role);
    if (m_analysis->isPendingFor({role}))
        with->addAction(tr("Still finding overlapping duties…"))->setEnabled(false);
    std::vector<RoleIndex> others;
    for (RoleIndex other = 0; other < model.roleCount(); ++other) {
        if (scores[static_cast<size_t>(other)] > 0)
            others.push_back(other);
    }
    const auto byScore = [&scores](RoleIndex a, RoleIndex b) {
        return scores[static_cast<size_t>(a)] > scores[static_cast<size_t>(b)];
    };
    const size_t shown = std::min<size_t>(others.size(), CompareMenuRoles);
    std::partial_sort(others.begin(), others.begin() + static_cast<std::ptrdiff_t>(shown),
                      others.end(), byScore);
    for (size_t i = 0; i < shown; ++i) {
        const RoleIndex other = others[i];
        with->addAction(tr("%1 (%2 % shared)")
                            .arg(titleOf(model, other))
                            .arg(qRound(scores[static_cast<size_t>(other)] * 100)),
                        this, [this, role, other] { compare({role, other}); });
    }
    // Roles without shared duties can still be compared: the manager and the siblings.
    std::vector<RoleIndex> near;
    if (model.parentOf(role) != NoRole)
        near.push_back(model.parentOf(role));
    for (const RoleIndex sibling : m_document->siblingsOf(role))
        near.push_back(sibling);
    bool separated = false;
    for (const RoleIndex other : near) {
        if (other == role || scores[static_cast<size_t>(other)] > 0
            || static_cast<int>(with->actions().size()) >= 2 * CompareMenuRoles) {
            continue;
        }
        if (!separated && !with->isEmpty())
            with->addSeparator();
        separated = true;
        with->addAction(titleOf(model, other), this, [this, role, other] { compare({role, other}); });
    }
    with->setEnabled(!with->isEmpty());

    const std::vector<RoleIndex> &compared = m_comparison->roles();
    if (!compared.empty() && static_cast<int>(compared.size()) < ComparisonView::MaxColumns
        && std::find(compared.begin(), compared.end(), role) == compared.end()) {
        menu->addAction(tr("Add to Comparison"), this, [this, role] {
            m_comparison->addRole(role);
            showComparisonDock();
        });
    }
}

void OverlapController::updateTint()
{
    ChartScene *scene = m_chartView->chartScene();
    if (!m_tintAction->isChecked()) {
        scene->setCardTints({});
        m_legend->hide();
        m_chartView->reserveTop(0);
        m_findingTimer->stop();
        return;
    }
    const RoleIndex role = tintedRole();
    if (role == NoRole) {
        scene->setCardTints({});
        m_legend->setRoleTitle({});
    } else {
        std::vector<double> scores = m_analysis->scoresAgainst(role);
        const auto sharing = std::count_if(scores.begin(), scores.end(),
                                           [](double score) { return score > 0; });
        scene->setCardTints(std::move(scores));
        m_legend->setRoleTitle(titleOf(m_document->model(), role));
        m_legend->setSharing(static_cast<int>(sharing), m_analysis->isPendingFor({role}));
    }
    showFindingProgress();
    placeLegend();
    m_legend->show();
    m_legend->raise();
}

RoleIndex OverlapController::tintedRole() const
{
    if (!m_document->hasModel() || m_document->selectedRoles().size() != 1)
        return NoRole;
    return m_document->currentRole();
}

void OverlapController::showFindingProgress()
{
    const RoleIndex role = tintedRole();
    const bool finding = m_tintAction->isChecked() && role != NoRole
                         && m_analysis->isPendingFor({role});
    m_legend->setProgress(finding ? m_analysis->progressFor({role}) : 0);
    if (finding)
        m_findingTimer->start();
    else
        m_findingTimer->stop();
}

void OverlapController::placeLegend()
{
    // In a strip above the chart, not over it: the tint is read off the cards it would hide.
    const int strip = m_legend->height() + 2 * LegendPadding;
    m_chartView->reserveTop(strip);
    const QRect area = m_chartView->viewport()->geometry();
    m_legend->move(area.left() + LegendMargin, area.top() - strip + LegendPadding);
}

bool OverlapController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_chartView && event->type() == QEvent::Resize && m_tintAction->isChecked())
        placeLegend();
    return QObject::eventFilter(watched, event);
}

} // namespace rolescope
