#include "core/loader.h"
#include "core/modelencoding.h"

#include <gtest/gtest.h>

using namespace rolescope;

namespace {

// Every field the format has, and warnings (an unknown key, a bad colour, a repeated dotted line).
constexpr std::string_view FullModel = R"(organization:
  name: Example Co
  description: Makes examples
departments:
  - id: sales
    name: Sales
    color: "#1f77b4"
  - id: ops
    color: not-a-colour
roles:
  - id: ceo
    title: Chief Executive Officer
    holders: [Ada Example]
    summary: Runs the company
    responsibilities:
      - Set the strategy
  - id: sales-manager
    title: Sales Manager
    reports_to: ceo
    department: sales
    holders: [Li Wei, Sam Roe]
    shoe_size: 42
    responsibilities:
      - Forecast the year's sales
      - text: Market research and analysis
        tags: [market-research, research]
  - id: ops-lead
    title: Operations Lead
    reports_to: ceo
    also_reports_to: [sales-manager, sales-manager]
    department: ops
    responsibilities:
      - text: Conduct market research on related products
        tags: [market-research]
settings:
  overlap:
    threshold: 0.45
    synonyms:
      - [sales forecast, demand forecast]
      - [supplier, vendor]
)";

LoadResult loadFull()
{
    LoadResult loaded = loadModelFromBytes(FullModel);
    EXPECT_TRUE(loaded.ok());
    return loaded;
}

} // namespace

TEST(ModelEncoding, DecodesToTheSameModelAndWarnings)
{
    const LoadResult loaded = loadFull();
    ASSERT_TRUE(loaded.ok());
    ASSERT_GE(loaded.diagnostics.size(), 3u);
    const std::string encoded = encodeLoadedModel(*loaded.model, loaded.diagnostics);

    const std::optional<LoadResult> decoded = decodeLoadedModel(encoded);
    ASSERT_TRUE(decoded.has_value());
    ASSERT_TRUE(decoded->ok());
    const Model &model = *decoded->model;
    // Encoding again gives the same bytes: every field came back.
    EXPECT_EQ(encodeLoadedModel(model, decoded->diagnostics), encoded);

    EXPECT_EQ(model.organization.description, "Makes examples");
    ASSERT_EQ(model.departments.size(), 2u);
    EXPECT_EQ(model.departments[0].color, "#1f77b4");
    ASSERT_EQ(model.roleCount(), 3);
    const Role &sales = model.role(model.find("sales-manager"));
    EXPECT_EQ(sales.holders, (std::vector<std::string>{"Li Wei", "Sam Roe"}));
    ASSERT_EQ(sales.responsibilities.size(), 2u);
    EXPECT_EQ(sales.responsibilities[1].tags,
              (std::vector<std::string>{"market-research", "research"}));
    EXPECT_EQ(sales.responsibilities[1].pos, loaded.model->role(1).responsibilities[1].pos);
    EXPECT_EQ(sales.titlePos, loaded.model->role(1).titlePos);
    EXPECT_EQ(model.role(2).alsoReportsToPos.size(), loaded.model->role(2).alsoReportsToPos.size());
    EXPECT_EQ(model.overlapSettings.threshold, 0.45);
    EXPECT_EQ(model.overlapSettings.synonyms.size(), 2u);

    // The index is built: the tree can be walked straight away.
    EXPECT_EQ(model.parentOf(model.find("ops-lead")), model.find("ceo"));
    EXPECT_EQ(model.childrenOf(model.find("ceo")).size(), 2u);
    EXPECT_EQ(model.dottedLines().size(), loaded.model->dottedLines().size());

    ASSERT_EQ(decoded->diagnostics.size(), loaded.diagnostics.size());
    for (size_t i = 0; i < loaded.diagnostics.size(); ++i) {
        EXPECT_EQ(decoded->diagnostics[i].code, loaded.diagnostics[i].code);
        EXPECT_EQ(decoded->diagnostics[i].message, loaded.diagnostics[i].message);
        EXPECT_EQ(decoded->diagnostics[i].pos, loaded.diagnostics[i].pos);
        EXPECT_EQ(decoded->diagnostics[i].roleId, loaded.diagnostics[i].roleId);
        EXPECT_FALSE(decoded->diagnostics[i].isError());
    }
}

TEST(ModelEncoding, AModelWithoutThresholdKeepsNone)
{
    const LoadResult loaded = loadModelFromBytes("organization:\n  name: X\nroles:\n  - id: a\n    title: A\n");
    ASSERT_TRUE(loaded.ok());
    const auto decoded = decodeLoadedModel(encodeLoadedModel(*loaded.model, loaded.diagnostics));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_FALSE(decoded->model->overlapSettings.threshold.has_value());
    EXPECT_TRUE(decoded->diagnostics.empty());
}

TEST(ModelEncoding, EveryTruncationIsRefused)
{
    const LoadResult loaded = loadFull();
    ASSERT_TRUE(loaded.ok());
    const std::string encoded = encodeLoadedModel(*loaded.model, loaded.diagnostics);
    for (size_t size = 0; size < encoded.size(); ++size)
        EXPECT_FALSE(decodeLoadedModel(std::string_view(encoded).substr(0, size))) << size;
}

TEST(ModelEncoding, EveryAlteredByteIsRefused)
{
    const LoadResult loaded = loadFull();
    ASSERT_TRUE(loaded.ok());
    const std::string encoded = encodeLoadedModel(*loaded.model, loaded.diagnostics);
    for (size_t at = 0; at < encoded.size(); ++at) {
        std::string altered = encoded;
        altered[at] = static_cast<char>(altered[at] ^ 0x5a);
        EXPECT_FALSE(decodeLoadedModel(altered)) << at;
    }
    EXPECT_FALSE(decodeLoadedModel(encoded + "x"));
    EXPECT_FALSE(decodeLoadedModel("roles:\n  - id: a\n"));
}
