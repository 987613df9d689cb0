using System;
using System.Collections.ObjectModel;
using System.ComponentModel;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using System.Windows.Input;

namespace ValidCode.Desktop
{
    // WinForms/WPF-style stand-ins: controls raise events whose handlers are async void with a full try/catch.
    public sealed class RoutedEventArgs : EventArgs
    {
        public bool Handled { get; set; }
    }

    public delegate void RoutedEventHandler(object sender, RoutedEventArgs e);

    public sealed class Button
    {
        public event EventHandler? Click;

        public event RoutedEventHandler? Loaded;

        public bool Enabled { get; set; } = true;

        public string Text { get; set; } = string.Empty;

        public void PerformClick() => Click?.Invoke(this, EventArgs.Empty);

        public void RaiseLoaded() => Loaded?.Invoke(this, new RoutedEventArgs());
    }

    public sealed class Label
    {
        public string Text { get; set; } = string.Empty;
    }

    public static class MessageBox
    {
        public static string? LastMessage { get; private set; }

        public static void Show(string message) => LastMessage = message;
    }

    public interface IDocumentService
    {
        Task<string> LoadAsync(string path, CancellationToken cancellationToken);

        Task SaveAsync(string path, string text, CancellationToken cancellationToken);
    }

    public sealed class MainForm : IDisposable
    {
        private readonly IDocumentService _documents;
        private readonly Button _openButton = new();
        private readonly Button _saveButton = new();
        private readonly Button _cancelButton = new();
        private readonly Label _status = new();
        private CancellationTokenSource? _operation;
        private string _text = string.Empty;

        public MainForm(IDocumentService documents)
        {
            _documents = documents;
            _openButton.Click += OpenButton_Click;
            _saveButton.Click += OnSaveClicked;
            _cancelButton.Click += (_, _) => _operation?.Cancel();
            _openButton.Loaded += async (sender, e) =>
            {
                try
                {
                    await RefreshRecentFilesAsync();
                    e.Handled = true;
                }
                catch (Exception exception)
                {
                    _status.Text = "Could not read recent files: " + exception.Message;
                }
            };
        }

        public string FilePath { get; set; } = "document.txt";

        private async void OpenButton_Click(object? sender, EventArgs e)
        {
            _openButton.Enabled = false;
            _operation = new CancellationTokenSource();
            try
            {
                _status.Text = "Loading...";
                _text = await _documents.LoadAsync(FilePath, _operation.Token);
                _status.Text = $"Loaded {_text.Length} characters.";
            }
            catch (OperationCanceledException)
            {
                _status.Text = "Cancelled.";
            }
            catch (Exception exception)
            {
                MessageBox.Show("Could not open the file: " + exception.Message);
            }
            finally
            {
                _operation.Dispose();
                _operation = null;
                _openButton.Enabled = true;
            }
        }

        private async void OnSaveClicked(object? sender, EventArgs e)
        {
            try
            {
                _saveButton.Enabled = false;
                await _documents.SaveAsync(FilePath, _text, CancellationToken.None);
                _status.Text = "Saved.";
            }
            catch (Exception exception)
            {
                MessageBox.Show("Could not save: " + exception.Message);
            }
            finally
            {
                _saveButton.Enabled = true;
            }
        }

        private async Task RefreshRecentFilesAsync()
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(FilePath)) ?? ".";
            var names = await Task.Run(() => Directory.GetFiles(directory, "*.txt"));
            _status.Text = $"{names.Length} recent files.";
        }

        public void Dispose()
        {
            _operation?.Dispose();
            _openButton.Click -= OpenButton_Click;
            _saveButton.Click -= OnSaveClicked;
        }
    }

    // MVVM: an async command that never lets an exception escape into the dispatcher.
    public sealed class AsyncRelayCommand : ICommand
    {
        private readonly Func<CancellationToken, Task> _execute;
        private readonly Action<Exception> _onError;
        private CancellationTokenSource? _running;

        public AsyncRelayCommand(Func<CancellationToken, Task> execute, Action<Exception> onError)
        {
            _execute = execute;
            _onError = onError;
        }

        public event EventHandler? CanExecuteChanged;

        public bool IsRunning => _running is not null;

        public bool CanExecute(object? parameter) => !IsRunning;

        public async void Execute(object? parameter)
        {
            if (IsRunning)
            {
                return;
            }

            using var running = new CancellationTokenSource();
            _running = running;
            CanExecuteChanged?.Invoke(this, EventArgs.Empty);
            try
            {
                await ExecuteAsync(running.Token);
            }
            catch (Exception exception)
            {
                _onError(exception);
            }
            finally
            {
                _running = null;
                CanExecuteChanged?.Invoke(this, EventArgs.Empty);
            }
        }

        public Task ExecuteAsync(CancellationToken cancellationToken) => _execute(cancellationToken);

        public void Cancel() => _running?.Cancel();
    }

    public sealed class SearchViewModel : INotifyPropertyChanged
    {
        private readonly HttpClient _http;
        private string _query = string.Empty;
        private string _status = string.Empty;
        private CancellationTokenSource? _pending;

        public SearchViewModel(HttpClient http)
        {
            _http = http;
            SearchCommand = new AsyncRelayCommand(SearchAsync, exception => Status = exception.Message);
            PropertyChanged += async (sender, e) =>
            {
                if (e.PropertyName != nameof(Query))
                {
                    return;
                }

                try
                {
                    await DebouncedSearchAsync();
                }
                catch (Exception exception)
                {
                    Status = "Search failed: " + exception.Message;
                }
            };
        }

        public event PropertyChangedEventHandler? PropertyChanged;

        public AsyncRelayCommand SearchCommand { get; }

        public ObservableCollection<string> Results { get; } = new();

        public string Query
        {
            get => _query;
            set => SetField(ref _query, value);
        }

        public string Status
        {
            get => _status;
            set => SetField(ref _status, value);
        }

        private async Task DebouncedSearchAsync()
        {
            _pending?.Cancel();
            using var pending = new CancellationTokenSource();
            _pending = pending;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300), pending.Token);
                await SearchAsync(pending.Token);
            }
            catch (OperationCanceledException) when (pending.IsCancellationRequested)
            {
                // A newer keystroke superseded this search.
            }
            finally
            {
                if (ReferenceEquals(_pending, pending))
                {
                    _pending = null;
                }
            }
        }

        private async Task SearchAsync(CancellationToken cancellationToken)
        {
            Status = "Searching...";
            var text = await _http.GetStringAsync(new Uri("https://search.example/?q=" + Uri.EscapeDataString(Query)), cancellationToken);
            Results.Clear();
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Results.Add(line);
            }

            Status = $"{Results.Count} results";
        }

        private void SetField(ref string field, string value, [CallerMemberName] string? propertyName = null)
        {
            if (field == value)
            {
                return;
            }

            field = value;
            PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(propertyName));
        }
    }
}
