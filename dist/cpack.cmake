# The Debian package (tools/package): cpack -G DEB installs this build tree under /usr (the install
# rules of dist/CMakeLists.txt) and computes Depends: from the programs' shared libraries with
# dpkg-shlibdeps. A native package: its version is the project's, with no Debian revision.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME whosaid)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "the whosaid maintainers")
set(CPACK_PACKAGE_CONTACT "whosaid maintainers <maintainers@users.noreply.r-seed-ce816ee7.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "who said what in the news: a quotation index and search")
# The long description; CPack puts the summary above it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "whosaid reads news articles (JSON Lines, text or Markdown, saved HTML pages,
WARC crawls), finds every direct quotation, binds it to the person who said it
and to that person's role and organisation, and stores it in a Xapian index.

whosaid-index extracts the quotations and indexes them. whosaid searches the
index by words, speaker, organisation, role, outlet and date; lists speakers;
checks a claimed quotation (said, altered, by whom, where first); cites a
quotation in APA, MLA, Chicago, CSL-JSON or BibTeX; and serves a web page and
a JSON API (whosaid.service).")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # whosaid_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# xapian-tcpsrv serves index shards to `whosaid --db tcp:HOST:PORT` (docs/scale-out.md).
set(CPACK_DEBIAN_PACKAGE_SUGGESTS xapian-tools)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The service unit's maintainer scripts (dist/debian/postinst, prerm; why there is no postrm: prerm).
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_LIST_DIR}/debian/postinst ${CMAKE_CURRENT_LIST_DIR}/debian/prerm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
