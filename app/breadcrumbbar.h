#pragma once

#include <QWidget>

class QHBoxLayout;

namespace rolescope {

class Document;

// "Whole organisation › Director › Head of unit": the way back up from a focused subtree.
// Hidden while the whole organisation is shown.
class BreadcrumbBar : public QWidget
{
    Q_OBJECT

public:
    explicit BreadcrumbBar(Document *document, QWidget *parent = nullptr);

    // The texts of the crumbs, from the top down.
    QStringList crumbs() const;

private:
    void rebuild();

    Document *m_document;
    QHBoxLayout *m_layout;
};

} // namespace rolescope
