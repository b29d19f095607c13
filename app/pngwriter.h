#pragma once

#include <QString>

#include <memory>
#include <string>
#include <string_view>

class QImage;
class QIODevice;

namespace rolescope {

// Writes a PNG band by band, so an image far larger than one QImage (or than memory) can be
// painted in bands and streamed out. libpng writes the chunks; the pixel data is compressed
// band by band, each band on its own (as pigz does), so that bands can be compressed on several
// cores at once and then joined into the one zlib stream of the image. Compression is tuned
// for speed: charts are mostly flat colour, which FlatDeflater shrinks by matching only the
// previous pixel, with no per-row filters.
class PngWriter
{
public:
    enum class Channels { Rgb, Rgba };

    // A band of rows compressed on its own, ready to be written in its place.
    struct Band
    {
        std::string deflated;
        quint32 adler = 1;   // Adler-32 of the band's uncompressed bytes
        qint64 length = 0;   // uncompressed bytes: a filter byte and the pixels of each row
        int rows = 0;
    };

    // DEVICE must be open for writing and outlive the writer; the caller commits it.
    explicit PngWriter(QIODevice *device);
    ~PngWriter();
    PngWriter(const PngWriter &) = delete;
    PngWriter &operator=(const PngWriter &) = delete;

    // Writes the header. Sides up to 2^31 - 1 pixels (the PNG limit) are accepted; the caller
    // decides what is sensible. DOTSPERMETER > 0 records the intended print resolution, so
    // an image exported at scale 2 shows at the size of scale 1, twice as sharp. Returns
    // false on a write error (see errorString()).
    bool begin(int width, int height, Channels channels, int dotsPerMeter = 0);
    // Compresses the first ROWS rows of IMAGE, which is Format_RGB32 for Rgb or
    // Format_RGBA8888 (not premultiplied) for Rgba. LAST ends the image. Touches nothing
    // shared: bands may be compressed on any thread, at once.
    static Band compress(const QImage &image, int rows, bool last);
    // Writes the next band; bands come in order, the last one compressed as LAST.
    bool write(const Band &band);
    // Writes the end of the stream; every row must have been written.
    bool finish();

    QString errorString() const { return m_error; }
    int rowsWritten() const { return m_rowsWritten; }

private:
    struct LibPng;
    void fail(const QString &message);
    bool writeChunk(const char *type, std::string_view data);

    QIODevice *m_device;
    std::unique_ptr<LibPng> m_png;
    int m_height = 0;
    int m_rowsWritten = 0;
    quint32 m_adler = 1;
    QString m_error;
};

} // namespace rolescope
