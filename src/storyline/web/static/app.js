// Storyline web UI: mark the cited span a link landed on, drag-and-drop uploads, upload progress.
// Written for this project; loaded from /static (no third-party code, no inline scripts).
"use strict";

function markLanded() {
  document.querySelectorAll(".landed").forEach((el) => el.classList.remove("landed"));
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!/^cite-\d+-\d+$/.test(id)) return;
  const pieces = document.querySelectorAll('[data-c~="' + id + '"]');
  pieces.forEach((el) => el.classList.add("landed"));
  if (pieces.length) pieces[0].scrollIntoView({ block: "center" });
}

async function entriesToFiles(entry, out) {
  if (entry.isFile) {
    out.push(await new Promise((resolve, reject) => entry.file(resolve, reject)));
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    let batch;
    do {
      batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      for (const child of batch) await entriesToFiles(child, out);
    } while (batch.length);
  }
}

function showChosen(input) {
  const chosen = document.getElementById("chosen");
  if (chosen) chosen.textContent = Array.from(input.files).map((f) => f.name).join(", ");
}

function setUpDropzone() {
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("files");
  if (!zone || !input) return;
  input.addEventListener("change", () => showChosen(input));
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", async (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    const files = [];
    const items = Array.from(event.dataTransfer.items || []);
    const entries = items.map((item) => item.webkitGetAsEntry && item.webkitGetAsEntry()).filter(Boolean);
    if (entries.length) {
      for (const entry of entries) await entriesToFiles(entry, files);
    } else {
      files.push(...Array.from(event.dataTransfer.files));
    }
    const transfer = new DataTransfer();
    files.forEach((f) => transfer.items.add(f));
    input.files = transfer.files;
    showChosen(input);
  });
}

function pollJob() {
  const box = document.getElementById("job");
  if (!box) return;
  const update = async () => {
    const response = await fetch(box.dataset.json, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const job = await response.json();
    document.getElementById("job-progress").max = Math.max(job.files, 1);
    document.getElementById("job-progress").value = job.processed;
    document.getElementById("job-state").textContent = job.state;
    document.getElementById("job-message").textContent = job.message;
    const errors = document.getElementById("job-errors");
    errors.replaceChildren(...job.errors.map((text) => {
      const li = document.createElement("li");
      li.textContent = text;
      return li;
    }));
    box.dataset.state = job.state;
    if (job.state === "done" || job.state === "failed") {
      document.getElementById("job-done").hidden = false;
    } else {
      setTimeout(update, 500);
    }
  };
  if (box.dataset.state !== "done" && box.dataset.state !== "failed") setTimeout(update, 300);
}

window.addEventListener("hashchange", markLanded);
document.addEventListener("DOMContentLoaded", () => {
  markLanded();
  setUpDropzone();
  pollJob();
});
