#include "app/loadindicator.h"

#include "app/document.h"

#include <QAction>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace rolescope {

namespace {

// The bar counts in tenths of a percent: bytes overflow its int range past 2 GB.
constexpr int BarSteps = 1000;

} // namespace

LoadIndicator::LoadIndicator(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancelButton(new QToolButton(this))
    , m_cancelAction(new QAction(tr("Stop &Loading"), this))
{
    m_bar->setRange(0, BarSteps);
    m_bar->setFixedWidth(180);
    m_cancelAction->setShortcut(Qt::Key_Escape);
    m_cancelAction->setToolTip(tr("Stop loading and keep the model shown (Esc)"));
    m_cancelAction->setEnabled(false);
    m_cancelAction->setIconText(tr("Cancel"));
    m_cancelButton->setDefaultAction(m_cancelAction);
    m_cancelButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancelButton);

    connect(m_cancelAction, &QAction::triggered, document, &Document::cancelLoad);
    connect(document, &Document::loadStarted, this, &LoadIndicator::start);
    connect(document, &Document::loadProgress, this, &LoadIndicator::showProgress);
    connect(document, &Document::loadFinished, this, &LoadIndicator::finish);
    hide();
}

QString LoadIndicator::text() const
{
    return m_label->text();
}

void LoadIndicator::start(const QString &path)
{
    m_fileName = QFileInfo(path).fileName();
    m_label->setText(tr("Loading %1…").arg(m_fileName));
    m_bar->setValue(0);
    m_cancelAction->setEnabled(true);
    show();
}

void LoadIndicator::showProgress(qint64 done, qint64 total)
{
    if (total <= 0)
        return;
    m_bar->setValue(static_cast<int>(done * BarSteps / total));
    // The whole file is parsed; checking it and building the model take a moment more.
    if (done == total)
        m_label->setText(tr("Checking %1…").arg(m_fileName));
}

void LoadIndicator::finish()
{
    // A load superseded by another has finished, but the other one goes on.
    if (m_document->isLoading())
        return;
    m_cancelAction->setEnabled(false);
    hide();
}

} // namespace rolescope
