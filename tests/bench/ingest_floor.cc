// ozjt-ingest-floor DIR: the floor of the iJw/iWmo message import. Reads every .xml file under
// DIR (sorted, as `ozjt insight import DIR` sends them) and walks it node by node with libxml2's
// xmlTextReader, as the service's parser does, and nothing else: no checks, no pseudonyms, no
// database. Prints one JSON line: messages, bytes, seconds, messages_per_s.
#include <libxml/xmlreader.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: ozjt-ingest-floor DIR" << std::endl;
    return 2;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(argv[1])) {
    if (e.is_regular_file() && e.path().extension() == ".xml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  const auto start = std::chrono::steady_clock::now();
  long long bytes = 0, nodes = 0, messages = 0;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes += static_cast<long long>(xml.size());
    xmlTextReaderPtr reader = xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), nullptr,
                                                 nullptr, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    if (reader == nullptr) continue;
    while (xmlTextReaderRead(reader) == 1) {
      // What the parser reads of each node: its kind, name, namespace and text.
      nodes += xmlTextReaderNodeType(reader) + (xmlTextReaderConstLocalName(reader) != nullptr) +
               (xmlTextReaderConstNamespaceUri(reader) != nullptr) +
               (xmlTextReaderConstValue(reader) != nullptr);
    }
    xmlFreeTextReader(reader);
    ++messages;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "{\"messages\": " << messages << ", \"bytes\": " << bytes << ", \"nodes\": " << nodes
            << ", \"seconds\": " << seconds << ", \"messages_per_s\": "
            << (seconds > 0 ? static_cast<double>(messages) / seconds : 0.0) << "}" << std::endl;
  return 0;
}
