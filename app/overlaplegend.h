#pragma once

#include <QWidget>

namespace rolescope {

// The key to the chart's overlap tint, shown in a corner of the chart: which role the other
// cards are compared with, and the colour scale from no shared work to TintFullScore.
class OverlapLegend : public QWidget
{
    Q_OBJECT

public:
    explicit OverlapLegend(QWidget *parent = nullptr);

    // An empty ROLETITLE asks the user to select a role.
    void setRoleTitle(const QString &roleTitle);
    // How many other roles share the role's work (most may be collapsed out of sight), or,
    // with FINDING, that their overlaps are still being found.
    void setSharing(int roles, bool finding);
    // While finding, how far it has got, in thousandths (0: not known yet).
    void setProgress(int permille);
    QString text() const;

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_roleTitle;
    int m_sharingRoles = 0;
    bool m_finding = false;
    int m_progress = 0;
};

} // namespace rolescope
