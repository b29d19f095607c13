#pragma once

#include "core/model.h"

#include <iosfwd>
#include <string>

namespace rolescope::bench {

// The model as format v1 YAML (roles in file order, long-form duties only where tagged).
void writeYaml(const Model &model, std::ostream &out);
// The reporting tree for Graphviz: one box per role labelled with its title, as a plain org
// chart would be drawn. Dotted lines are left out: they are not part of the tree's layout.
void writeDot(const Model &model, std::ostream &out);
// id,parentId,title rows, as d3.csvParse + d3.stratify read them (the top role's parentId empty).
void writeCsv(const Model &model, std::ostream &out);
// [{"id", "parentId", "title"}, ...] for d3.stratify (the top role's parentId null).
void writeJson(const Model &model, std::ostream &out);

// Writes with WRITER to PATH ("-": standard output); false when the file cannot be written.
bool writeModelFile(const Model &model, const std::string &path,
                    void (*writer)(const Model &, std::ostream &));

} // namespace rolescope::bench
