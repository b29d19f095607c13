#include "app/overlaplegend.h"

#include "app/overlapcolors.h"

#include <QFontMetrics>
#include <QLocale>
#include <QLinearGradient>
#include <QPainter>

namespace rolescope {

namespace {

constexpr int Margin = 8;
constexpr int BarWidth = 200;
constexpr int BarHeight = 12;

} // namespace

OverlapLegend::OverlapLegend(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
}

void OverlapLegend::setRoleTitle(const QString &roleTitle)
{
    m_roleTitle = roleTitle;
    resize(sizeHint());
    update();
}

void OverlapLegend::setSharing(int roles, bool finding)
{
    m_sharingRoles = roles;
    m_finding = finding;
    resize(sizeHint());
    update();
}

void OverlapLegend::setProgress(int permille)
{
    if (permille == m_progress)
        return;
    m_progress = permille;
    resize(sizeHint());
    update();
}

QString OverlapLegend::text() const
{
    if (m_roleTitle.isEmpty())
        return tr("Select a role to see who else does its work");
    if (m_finding && m_progress > 0)
        return tr("Finding who else does the work of %1… %2 %").arg(m_roleTitle).arg(m_progress / 10);
    if (m_finding)
        return tr("Finding who else does the work of %1…").arg(m_roleTitle);
    QString roles = tr("%1 roles").arg(QLocale().toString(m_sharingRoles));
    if (m_sharingRoles == 0)
        roles = tr("no other role");
    else if (m_sharingRoles == 1)
        roles = tr("1 role");
    return tr("Shared work with %1: %2").arg(m_roleTitle, roles);
}

QSize OverlapLegend::sizeHint() const
{
    const QFontMetrics metrics(font());
    const int width = std::max(BarWidth, metrics.horizontalAdvance(text()));
    return QSize(width + 2 * Margin, 3 * Margin + 2 * metrics.height() + BarHeight);
}

void OverlapLegend::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor base = palette().color(QPalette::Base);
    QColor background = palette().color(QPalette::Window);
    background.setAlphaF(0.92);
    painter.setPen(palette().color(QPalette::Mid));
    painter.setBrush(background);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);

    const QFontMetrics metrics(font());
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(Margin, Margin + metrics.ascent(), text());
    if (m_roleTitle.isEmpty())
        return;

    const QRect bar(Margin, 2 * Margin + metrics.height() - Margin / 2, BarWidth, BarHeight);
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    for (int step = 0; step <= 4; ++step) {
        const double at = step / 4.0;
        gradient.setColorAt(at, OverlapColors::tint(base, at * OverlapColors::TintFullScore));
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.setBrush(gradient);
    painter.drawRect(bar);

    painter.setPen(palette().color(QPalette::WindowText));
    const int baseline = bar.bottom() + Margin / 2 + metrics.ascent();
    const int full = qRound(OverlapColors::TintFullScore * 100);
    painter.drawText(bar.left(), baseline, tr("none"));
    const QString middle = QStringLiteral("%1 %").arg(full / 2);
    painter.drawText(bar.center().x() - metrics.horizontalAdvance(middle) / 2, baseline, middle);
    const QString right = QStringLiteral("≥ %1 %").arg(full);
    painter.drawText(bar.right() - metrics.horizontalAdvance(right), baseline, right);
}

} // namespace rolescope
