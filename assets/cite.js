// "Cite this document": a copy button for the reference. Progressive
// enhancement: the button stays hidden where the Clipboard API is missing
// (no script, or a page not served over https), and the reference can still be selected.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const target = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.status);
  if (!target || !status || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    status.textContent = "";
    try {
      await navigator.clipboard.writeText(target.textContent.replace(/\s+/g, " ").trim());
      status.textContent = button.dataset.copied;
    } catch {
      status.textContent = button.dataset.failed;
    }
  });
}
