/* rasoat: the column menu Datasette's static/table.js builds on a table page, in Vietnamese (loaded after it) */
(function () {
  var words = {
    "dropdown-sort-asc": "Sắp xếp tăng dần",
    "dropdown-sort-desc": "Sắp xếp giảm dần",
    "dropdown-facet": "Nhóm theo cột này",
    "dropdown-hide-column": "Ẩn cột này",
    "dropdown-show-all-columns": "Hiện mọi cột",
    "dropdown-not-blank": "Chỉ các dòng có giá trị"
  };
  document.querySelectorAll(".dropdown-menu a").forEach(function (a) {
    for (var name in words) {
      if (a.classList.contains(name)) { a.textContent = words[name]; }
    }
  });
  document.querySelectorAll("[aria-label='Remove this filter']").forEach(function (a) {
    a.setAttribute("aria-label", "Bỏ điều kiện này");
  });
})();
