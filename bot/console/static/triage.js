// "Select the whole theme" ticks (or clears) every message of its theme.
for (const box of document.querySelectorAll(".select-theme")) {
  box.addEventListener("change", () => {
    for (const member of box.closest("fieldset").querySelectorAll("input[name=id]")) member.checked = box.checked;
  });
}
